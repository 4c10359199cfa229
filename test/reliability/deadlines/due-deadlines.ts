import { DEADLINE_COLLECTION } from '@account-ops/engine';
import type { ThrowawayStore } from '../harness/throwaway-store';

const DRAIN_TIMEOUT_MS = 30_000;
const POLL_MS = 50;

/**
 * Waits (bounded) until the running API has fired every deadline due by `dueBy`, by
 * watching the store's deadline table: a fired deadline's record is removed in the same
 * transaction as its event. The checks then prove each fired exactly once.
 */
export async function awaitDueDeadlinesFired(store: ThrowawayStore, dueBy: Date): Promise<void> {
  const opened = await store.open();
  try {
    const deadline = Date.now() + DRAIN_TIMEOUT_MS;
    for (;;) {
      const due = await opened.listRecords(DEADLINE_COLLECTION, {
        sortKeyAtMost: dueBy.toISOString(),
      });
      if (due.length === 0) return;
      if (Date.now() > deadline) {
        throw new Error(
          `${due.length} deadline(s) due by ${dueBy.toISOString()} did not fire within ${DRAIN_TIMEOUT_MS} ms`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  } finally {
    await opened.close();
  }
}
