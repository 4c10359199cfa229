/**
 * Wakes subscriptions when an append commits. Generation-counted so that an append
 * landing between a subscriber's read and its wait is never missed.
 */
export class AppendSignal {
  private generation = 0;
  private waiters = new Set<() => void>();

  /** The generation to pass to {@link waitAfter}; take it before reading. */
  current(): number {
    return this.generation;
  }

  notify(): void {
    this.generation++;
    const waiters = this.waiters;
    this.waiters = new Set();
    waiters.forEach((wake) => wake());
  }

  /**
   * Resolves when an append newer than `generation` has happened, or after `timeoutMs`
   * (a fallback poll for writers in other processes), whichever comes first.
   */
  waitAfter(generation: number, timeoutMs: number): Promise<void> {
    if (this.generation !== generation) return Promise.resolve();
    return new Promise((resolve) => {
      const wake = (): void => {
        clearTimeout(timer);
        this.waiters.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, timeoutMs);
      timer.unref?.();
      this.waiters.add(wake);
    });
  }
}
