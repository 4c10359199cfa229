import { useNow } from '../hooks/use-now';
import { useSession } from '../session/session';

/**
 * 429 and 503 from any screen: what the server said and how long it asked to wait
 * (Retry-After), counting down. Work in progress keeps its Idempotency-Key, so trying
 * again after the wait is safe.
 */
export function BusyBanner() {
  const { busy, dismissBusy } = useSession();
  const now = useNow(1000);
  if (!busy) return null;
  const { failure, at } = busy;
  const wait = failure.retryAfterSeconds;
  const left = wait === undefined ? undefined : Math.max(0, wait - Math.floor((now - at) / 1000));
  const what = failure.status === 429 ? 'Too many requests' : 'The service is unavailable';
  return (
    <div className="banner banner-busy" role="alert">
      <p className="banner-title">
        {what} ({failure.status} {failure.problem.title})
      </p>
      <p>
        {left === undefined
          ? 'Wait a moment, then try again.'
          : left > 0
            ? `Try again in ${left} s.`
            : 'You can try again now.'}{' '}
        Nothing you started is lost: retrying sends the same request again and it runs at most once.
      </p>
      <button type="button" onClick={dismissBusy}>
        Dismiss
      </button>
    </div>
  );
}
