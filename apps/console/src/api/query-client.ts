import { QueryClient } from '@tanstack/react-query';
import { ApiFailure } from './problem';

const MAX_WAIT_MS = 30_000;

/**
 * Reads are retried twice, and only when retrying can help (no answer, 429, 503), after
 * the wait the server asked for in Retry-After. Nothing refetches behind the user's back
 * on focus: the screens say when they refresh.
 */
export function consoleQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        retry: (count, error) => error instanceof ApiFailure && error.isRetryable && count < 2,
        retryDelay: (count, error) =>
          Math.min(
            MAX_WAIT_MS,
            (error instanceof ApiFailure && error.retryAfterSeconds !== undefined
              ? error.retryAfterSeconds
              : 2 ** count) * 1000,
          ),
        refetchOnWindowFocus: false,
      },
    },
  });
}
