/**
 * The most recently used account states of this process, bounded by a total weight (by
 * default one per entry). Only an optimisation: a cached state is always brought up to
 * date from the store's tail before use, and the append's expected-version check still
 * catches writers in other processes.
 */
export class StateCache<V> {
  private readonly entries = new Map<string, { value: V; weight: number }>();
  private total = 0;

  /**
   * @param capacity the most total weight kept
   * @param weigh an entry's weight; account states weigh by what they hold, so a few
   *   long-lived accounts cannot keep memory growing under a count-only bound
   */
  constructor(
    private readonly capacity = 10_000,
    private readonly weigh: (value: V) => number = () => 1,
  ) {}

  get(key: string): V | undefined {
    const entry = this.entries.get(key);
    if (entry !== undefined) {
      // Re-insert so Map order is least recently used first.
      this.entries.delete(key);
      this.entries.set(key, entry);
    }
    return entry?.value;
  }

  set(key: string, value: V): void {
    this.remove(key);
    const weight = Math.max(1, this.weigh(value));
    this.entries.set(key, { value, weight });
    this.total += weight;
    while (this.total > this.capacity && this.entries.size > 1) {
      this.remove(this.entries.keys().next().value as string);
    }
  }

  get size(): number {
    return this.entries.size;
  }

  /** The total weight held. */
  get weight(): number {
    return this.total;
  }

  delete(key: string): void {
    this.remove(key);
  }

  private remove(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.total -= entry.weight;
  }
}
