import type { EventStore, RecordedEvent, Subscription } from '@account-ops/event-store';

/** Drains a subscription in the background; `until(n)` resolves once n events arrived. */
export interface Collector {
  readonly events: readonly RecordedEvent[];
  until(count: number): Promise<void>;
  /** Stops the subscription and waits for the loop to end. */
  stop(): Promise<void>;
}

export function collect(subscription: Subscription): Collector {
  const events: RecordedEvent[] = [];
  const waiters: Array<{ count: number; wake: () => void }> = [];
  const loop = (async () => {
    for await (const event of subscription) {
      events.push(event);
      waiters.filter((w) => events.length >= w.count).forEach((w) => w.wake());
    }
  })();
  return {
    events,
    until: (count) =>
      events.length >= count
        ? Promise.resolve()
        : new Promise((wake) => waiters.push({ count, wake })),
    async stop() {
      await subscription.stop();
      await loop;
    },
  };
}

/**
 * Records every `readAll` call on a store (a subscription reads through it), so a test can
 * wait for "the n-th read" instead of sleeping. `nth(n)` resolves with that read's result.
 */
export function observeReads(store: EventStore): { nth(n: number): Promise<RecordedEvent[]> } {
  const reads: Array<Promise<RecordedEvent[]>> = [];
  const waiters = new Map<number, () => void>();
  const readAll = store.readAll.bind(store);
  jest.spyOn(store, 'readAll').mockImplementation((options) => {
    const read = readAll(options);
    reads.push(read);
    waiters.get(reads.length)?.();
    return read;
  });
  return {
    async nth(n) {
      if (reads.length < n) await new Promise<void>((wake) => waiters.set(n, wake));
      return reads[n - 1]!;
    },
  };
}
