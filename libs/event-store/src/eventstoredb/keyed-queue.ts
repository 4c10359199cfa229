/**
 * Runs tasks with the same key one after another, tasks with different keys concurrently.
 *
 * The adapter queues appends per stream: two appends to one stream from this process
 * would otherwise both read the same tip, and one would lose to the other on the server.
 * Writers in other processes still race through the expected revision.
 */
export class KeyedQueue {
  private readonly tails = new Map<string, Promise<void>>();

  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const result = previous.then(task);
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    this.tails.set(key, tail);
    // Forget a key once its last task settled, so the map does not grow with every stream.
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }

  /** Keys with a task running or waiting (for tests). */
  get size(): number {
    return this.tails.size;
  }
}
