/**
 * Counts what the clients do (requests sent, answers received) so the driver can kill the
 * API after a random amount of work rather than after a random sleep: the kill lands while
 * requests are in flight, at a point chosen by the seeded RNG.
 */
export class Progress {
  private ticks = 0;
  private target: { count: number; reached: () => void } | undefined;

  tick(): void {
    this.ticks++;
    if (this.target && this.ticks >= this.target.count) {
      this.target.reached();
      this.target = undefined;
    }
  }

  /** Resolves after `more` further ticks, or at once when `done()` says the clients stopped. */
  after(more: number, done: Promise<unknown>): Promise<void> {
    return new Promise((resolve) => {
      this.target = { count: this.ticks + more, reached: resolve };
      void done.then(
        () => resolve(),
        () => resolve(),
      );
    });
  }
}
