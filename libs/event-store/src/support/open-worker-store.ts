import { PostgresEventStore } from '../postgres/postgres-event-store';
import { SqliteEventStore, type SqliteEventStoreOptions } from '../sqlite/sqlite-event-store';
import type { VerifySource } from '../verify/verify-source';

/** How a worker thread's own connection differs from the store it was started beside. */
export interface WorkerStoreOptions {
  /** SQLite: read-only (verification), or the commits' sync level (derived data). */
  readonly sqlite?: Pick<SqliteEventStoreOptions, 'readonly' | 'synchronous'>;
  /** PostgreSQL: connections in the worker's pool. */
  readonly poolSize: number;
}

/**
 * A worker thread's own connection to the store `source` names ({@link workerSource}):
 * a second connection to the SQLite file, or a small PostgreSQL pool without LISTEN (a
 * worker is told of commits by the thread that started it, or polls).
 */
export async function openWorkerStore(
  source: VerifySource,
  options: WorkerStoreOptions,
): Promise<SqliteEventStore | PostgresEventStore> {
  if (source.kind === 'sqlite') {
    // Async even here: a file that cannot be opened is a rejection, as on PostgreSQL.
    return new SqliteEventStore({ filename: source.filename, ...options.sqlite });
  }
  return PostgresEventStore.connect({
    connectionString: source.connectionString,
    ...(source.schema ? { schema: source.schema } : {}),
    poolSize: options.poolSize,
    listen: false,
  });
}
