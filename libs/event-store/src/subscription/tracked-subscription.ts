import type { Subscription } from '../port/event-store';

/**
 * Wraps a subscription so the store that opened it can stop it at close: it stays in
 * `open` until stopped, by its consumer or by the store.
 */
export function trackedSubscription(open: Set<Subscription>, inner: Subscription): Subscription {
  const subscription: Subscription = {
    [Symbol.asyncIterator]: () => inner[Symbol.asyncIterator](),
    stop: async () => {
      open.delete(subscription);
      await inner.stop();
    },
  };
  open.add(subscription);
  return subscription;
}
