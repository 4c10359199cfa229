import type { ApiFailure } from '../api/problem';
import { plainWords } from '../api/problem';

/** An error banner: the problem's title, then plain words and the API's detail. */
export function ProblemBanner({
  failure,
  onRetry,
  retryLabel = 'Try again',
}: {
  failure: ApiFailure;
  onRetry?: () => void;
  retryLabel?: string;
}) {
  const { title, status, code } = failure.problem;
  return (
    <div className="banner banner-error" role="alert">
      <p className="banner-title">
        {title}
        {status > 0 ? ` (${status}${code ? ` ${code}` : ''})` : ''}
      </p>
      <p>{plainWords(failure.problem)}</p>
      {failure.retryAfterSeconds !== undefined && (
        <p>The server asks to wait {failure.retryAfterSeconds} s before trying again.</p>
      )}
      {onRetry && (
        <button type="button" onClick={onRetry}>
          {retryLabel}
        </button>
      )}
    </div>
  );
}
