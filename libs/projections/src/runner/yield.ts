/**
 * Lets queued I/O and appends run between batches: long catch-ups and rebuilds on
 * SQLite are synchronous per batch and must not hold the event loop for their whole run.
 */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
