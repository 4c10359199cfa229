/** How often and how long a command re-decides after losing an append race. */
export interface RetryPolicy {
  readonly maxAttempts: number;
  /** Waits before attempt `attempt` (2, 3, …). */
  backoff(attempt: number): Promise<void>;
}

/**
 * Full jitter, capped: writers that collided spread out instead of colliding again in
 * lock-step, and one hot account cannot stall a caller for long.
 */
export function jitteredRetry(
  maxAttempts = 8,
  capMs = 40,
  random: () => number = Math.random,
): RetryPolicy {
  return {
    maxAttempts,
    backoff: (attempt) =>
      new Promise((resolve) =>
        setTimeout(resolve, Math.floor(random() * Math.min(capMs, 2 ** attempt))),
      ),
  };
}
