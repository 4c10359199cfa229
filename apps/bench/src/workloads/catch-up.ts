import { comparePositions, type EventStore } from '@account-ops/event-store';
import type { ReadModels } from '@account-ops/projections';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Waits until every projection's checkpoint has reached the store's head, polling (the
 * projector has no "caught up" signal). Returns the milliseconds waited.
 * @throws when `timeoutMs` passes first, or a projector error was reported meanwhile.
 */
export async function waitForProjections(
  store: EventStore,
  models: ReadModels,
  errors: readonly unknown[],
  timeoutMs = 10 * 60_000,
): Promise<number> {
  const started = performance.now();
  const head = await store.headPosition();
  for (;;) {
    if (errors.length > 0) throw errors[0];
    const checkpoints = await models.backend.checkpoints();
    if (checkpoints.every((c) => comparePositions(c.position, head) >= 0)) {
      return performance.now() - started;
    }
    if (performance.now() - started > timeoutMs) {
      throw new Error(`projections did not catch up within ${timeoutMs} ms`);
    }
    // Short, so the measured catch-up is not rounded up to a long poll.
    await sleep(2);
  }
}
