import type { EventStore } from '@account-ops/event-store';
import { DEFAULT_PROJECTIONS, openReadModels, type ReadModels } from '@account-ops/projections';
import { notFound } from '../../support/exit-codes';

/** The names `projections rebuild` accepts, in status order. */
export const PROJECTION_NAMES = DEFAULT_PROJECTIONS.map((p) => p.name);

/**
 * The store's read models as a tool sees them: async mode and never `start()`ed, so no
 * background projector runs and nothing is written unless a command asks to (rebuild).
 */
export function toolReadModels(store: EventStore): ReadModels {
  return openReadModels(store, { projections: DEFAULT_PROJECTIONS, mode: 'async' });
}

// SQLite and PostgreSQL ways of saying the checkpoint table is not there yet.
const NOT_BUILT = /no such table|does not exist|has no checkpoint/;

/**
 * Runs a read of the read models, turning "there are none yet" into exit 3 with the
 * way out, instead of a database error.
 */
export async function readingReadModels<T>(read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    if (error instanceof Error && NOT_BUILT.test(error.message)) {
      throw notFound(
        'this store has no read models yet: build them with `account-ops projections rebuild`',
      );
    }
    throw error;
  }
}
