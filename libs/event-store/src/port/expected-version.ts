/**
 * What the writer believes the stream's version is.
 * - a number N ≥ 0: the stream's last event has version N (0: the stream has no events);
 * - `no_stream`: the stream has no events (same as 0);
 * - `stream_exists`: at least one event, any version;
 * - `any`: no check.
 */
export type ExpectedVersion = number | 'no_stream' | 'stream_exists' | 'any';

export const NO_STREAM = 'no_stream' as const;
export const ANY = 'any' as const;
export const STREAM_EXISTS = 'stream_exists' as const;

/** True when a stream currently at `actual` (0 = empty) satisfies `expected`. */
export function expectedVersionHolds(expected: ExpectedVersion, actual: number): boolean {
  if (expected === 'any') return true;
  if (expected === 'no_stream') return actual === 0;
  if (expected === 'stream_exists') return actual > 0;
  return expected === actual;
}
