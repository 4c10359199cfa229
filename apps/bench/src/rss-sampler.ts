import { toMb } from './stats';

/** Resident set size over one workload, in MiB. */
export interface RssReport {
  readonly startRssMb: number;
  readonly endRssMb: number;
  readonly peakRssMb: number;
}

/**
 * Samples the process's RSS on a timer (default every 250 ms) and whenever `sample()` is
 * called, so a synchronous stretch that starves the timer (SQLite batches) is still seen.
 * `process.memoryUsage.rss()` is used because it does not walk the heap as
 * `memoryUsage()` does.
 */
export class RssSampler {
  private readonly timer: NodeJS.Timeout;
  private readonly start = process.memoryUsage.rss();
  private peak = this.start;

  constructor(intervalMs = 250) {
    this.timer = setInterval(() => this.sample(), intervalMs);
    // The sampler must never keep a finished benchmark alive.
    this.timer.unref();
  }

  /** Takes a sample now and returns it in MiB. */
  sample(): number {
    const rss = process.memoryUsage.rss();
    if (rss > this.peak) this.peak = rss;
    return toMb(rss);
  }

  stop(): RssReport {
    clearInterval(this.timer);
    const end = process.memoryUsage.rss();
    return {
      startRssMb: toMb(this.start),
      endRssMb: toMb(end),
      peakRssMb: toMb(Math.max(this.peak, end)),
    };
  }
}
