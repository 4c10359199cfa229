import { useEffect, useState } from 'react';
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
  const [since, setSince] = useState(() => Date.now());
  useEffect(() => setSince(Date.now()), [busy]);
  if (!busy) return null;
  const wait = busy.retryAfterSeconds;
  const left = wait === undefined ? undefined : Math.max(0, wait - Math.floor((now - since) / 1000));
  const what = busy.status === 429 ? 'Too many requests' : 'The service is unavailable';
  return (
    <div className="banner banner-busy" role="alert">
      <p className="banner-title">
        {what} ({busy.status} {busy.problem.title})
      </p>
      <p>
        {left === undefined
          ? 'Wait a moment, then try again.'
          : left > 0
            ? `Try again in ${left} s.`
            : 'You can try again now.'}{' '}
        Nothing you started is lost: retrying sends the same request again and it runs at most
        once.
      </p>
      <button type="button" onClick={dismissBusy}>
        Dismiss
      </button>
    </div>
  );
}
