/**
 * Runs tasks with the same key one after another, tasks with different keys concurrently.
 * Used for appends per stream in the EventStoreDB adapter (two appends to one stream from
 * this process would otherwise read the same tip and one would lose on the server) and
 * for commands per account in the engine (queued instead of racing into the store's
 * optimistic check). Writers in other processes still race through the expected version.
 */
export class KeyedQueue {
  private readonly tails = new Map<string, Promise<unknown>>();

  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const result = previous.then(task, task);
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    this.tails.set(key, tail);
    // Forget the key once nothing is queued behind this task, so the map stays small.
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }

  /** Keys with work queued or running (for tests and metrics). */
  get size(): number {
    return this.tails.size;
  }
}
