/**
 * Runs a background job on an interval, never two runs at once: a call while a run is in
 * progress joins that run instead of starting another. `stop()` waits for the current run.
 */
export class SingleFlightTimer<R> {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<R> | undefined;

  constructor(private readonly job: () => Promise<R>) {}

  run(): Promise<R> {
    this.running ??= this.job().finally(() => (this.running = undefined));
    return this.running;
  }

  start(intervalMs: number): void {
    // A failed run is retried on the next tick; the job reports its own failures.
    this.timer ??= setInterval(() => void this.run().catch(() => undefined), intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.running?.catch(() => undefined);
  }
}
