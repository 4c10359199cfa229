import type { RateLimitOptions } from '../../src/limits/rate-limits';

/**
 * Suites that are not about rate limits send hundreds of requests per actor (and many
 * without a valid key) on a clock that barely moves: limits far above that keep the
 * limiter in every request's path without ever refusing one. The defaults are tested in
 * rate-limits.e2e-spec.ts.
 */
export const HARNESS_RATE_LIMITS: RateLimitOptions = {
  perKey: { limit: 1_000_000, windowMs: 60_000 },
  perAddress: { limit: 1_000_000, windowMs: 60_000 },
};
