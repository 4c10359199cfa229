import { MemoryEventStore, type TransactionalEventStore } from '@account-ops/event-store';

/**
 * A memory store whose chosen methods fail with an internal-looking message, to see what
 * the API does with errors it does not expect.
 */
export function faultyStore(
  failing: Partial<Record<keyof TransactionalEventStore, (...args: unknown[]) => boolean>>,
  message = 'connect ECONNREFUSED 10.0.0.7:5432 (user=ledger password=hunter2)',
): TransactionalEventStore {
  const store = new MemoryEventStore();
  return new Proxy(store, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver) as unknown;
      if (typeof value !== 'function') return value;
      const fails = failing[property as keyof TransactionalEventStore];
      return (...args: unknown[]) => {
        if (fails?.(...args)) return Promise.reject(new Error(message));
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  }) as TransactionalEventStore;
}
