import type { ThrottlerStorage } from '@nestjs/throttler';

/** At most `limit` requests per window of `windowMs`. */
export interface RateLimit {
  readonly limit: number;
  readonly windowMs: number;
}

/** How the API limits request rates (docs/operations.md, "Rate limits"). */
export interface RateLimitOptions {
  /**
   * Per API key's actor, over every route but `/health` and `/metrics` (the keys of one
   * actor share it). Past it: 429 until the window ends.
   */
  readonly perKey: RateLimit | false;
  /**
   * Per client address, for requests without a valid key (none, unknown, another scheme):
   * bounds key guessing. Past it: 429 for a whole window from then.
   */
  readonly perAddress: RateLimit | false;
  /** Where the counts live; default: this process's memory, on the API's clock. */
  readonly storage?: ThrottlerStorage;
}

/**
 * Production defaults, per actor 300 requests per 10 s and per address without a valid
 * key 30 per minute; the reasoning is in docs/operations.md.
 */
export const DEFAULT_RATE_LIMITS: RateLimitOptions = {
  perKey: { limit: 300, windowMs: 10_000 },
  perAddress: { limit: 30, windowMs: 60_000 },
};

const UNIT_MS: Readonly<Record<string, number>> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
const RATE = /^(\d{1,9})\s*\/\s*(\d{1,9})?\s*(ms|s|m|h)$/;

/**
 * Reads `300/10s` (also `30/1m`, `5/s`, `1000/1h`) or `off`; `undefined` for an empty
 * value. Throws a message naming the format, for the variable's error.
 */
export function parseRateLimit(text: string | undefined): RateLimit | false | undefined {
  const value = text?.trim().toLowerCase();
  if (!value) return undefined;
  if (value === 'off') return false;
  const match = RATE.exec(value);
  const limit = Number(match?.[1]);
  const windowMs = Number(match?.[2] ?? 1) * (UNIT_MS[match?.[3] ?? ''] ?? NaN);
  if (!match || !(limit >= 1) || !(windowMs >= 1)) {
    throw new RangeError('must be <requests>/<window> such as 300/10s or 30/1m, or off');
  }
  return { limit, windowMs };
}
