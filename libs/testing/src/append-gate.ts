/**
 * Holds a store's appends until the test lets them through: commands reach the store and
 * stay in flight (their account's queue behind them) for exactly as long as the test
 * wants, without sleeping. `wrap(store)` returns the same store with `appendToStream`
 * gated (a Proxy: `instanceof` and private fields keep working).
 */
export class AppendGate {
  private closed = false;
  private readonly held: Array<() => void> = [];
  private readonly watchers: Array<{ count: number; resolve: () => void }> = [];

  /** From now on, appends wait for `open()`. */
  close(): void {
    this.closed = true;
  }

  /** Lets every held append through, and later ones pass at once. */
  open(): void {
    this.closed = false;
    for (const release of this.held.splice(0)) release();
  }

  /** Appends waiting at the gate. */
  get waiting(): number {
    return this.held.length;
  }

  /** Resolves once `count` appends are waiting at the gate. */
  whenWaiting(count: number): Promise<void> {
    if (this.held.length >= count) return Promise.resolve();
    return new Promise((resolve) => this.watchers.push({ count, resolve }));
  }

  wrap<S extends object>(store: S): S {
    return new Proxy(store, {
      get: (target, property) => {
        const value = Reflect.get(target, property, target) as unknown;
        if (typeof value !== 'function') return value;
        if (property !== 'appendToStream') return value.bind(target);
        return async (...args: unknown[]) => {
          await this.pass();
          return (value as (...a: unknown[]) => unknown).apply(target, args);
        };
      },
    });
  }

  private pass(): Promise<void> {
    if (!this.closed) return Promise.resolve();
    return new Promise((resolve) => {
      this.held.push(resolve);
      for (const watcher of [...this.watchers]) {
        if (this.held.length >= watcher.count) {
          this.watchers.splice(this.watchers.indexOf(watcher), 1);
          watcher.resolve();
        }
      }
    });
  }
}
