/** Latency percentiles of one workload, in milliseconds. */
export interface LatencySummary {
  readonly count: number;
  readonly meanMs: number;
  readonly p50Ms: number;
  readonly p95Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
}

/**
 * Nearest-rank percentile of ascending `sorted` values: the smallest value with at least
 * `p` per cent of the values at or below it. No interpolation, so the result is always a
 * latency that was actually observed.
 */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) throw new RangeError('percentile of no values');
  if (!(p > 0 && p <= 100)) throw new RangeError(`percentile must be in (0, 100], got ${p}`);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, rank) - 1]!;
}

/** Count, mean, p50/p95/p99 and max of latencies (ms); sorts a copy, rounds to the microsecond. */
export function summarize(latenciesMs: ArrayLike<number>): LatencySummary {
  // A Float64Array sorts numerically and without boxing, which matters at a million samples.
  const sorted = Float64Array.from(latenciesMs).sort();
  let total = 0;
  for (const v of sorted) total += v;
  return {
    count: sorted.length,
    meanMs: round(total / sorted.length, 3),
    p50Ms: round(percentile(sorted, 50), 3),
    p95Ms: round(percentile(sorted, 95), 3),
    p99Ms: round(percentile(sorted, 99), 3),
    maxMs: round(percentile(sorted, 100), 3),
  };
}

/** The middle value (mean of the two middle ones for an even count). */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new RangeError('median of no values');
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** `count` operations in `ms` milliseconds, per second, rounded to a whole number. */
export function perSecond(count: number, ms: number): number {
  if (!(ms > 0)) throw new RangeError(`elapsed time must be positive, got ${ms} ms`);
  return Math.round((count * 1000) / ms);
}

export function round(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

/** Bytes to mebibytes, whole. */
export function toMb(bytes: number): number {
  return Math.round(bytes / 1024 / 1024);
}
