import type { EventStore } from '../port/event-store';
import { PostgresEventStore } from '../postgres/postgres-event-store';
import { SqliteEventStore } from '../sqlite/sqlite-event-store';
import type { VerifySource } from '../verify/verify-source';

/**
 * How a worker thread opens `store` on its own connection (the tree's catch-up, the
 * read models' projector thread), or undefined where none can:
 * memory stores (nothing to share), SQLite in memory, a PostgreSQL store on a pool it
 * was handed without a connection string, the split store (events in EventStoreDB).
 */
export function workerSource(store: EventStore): VerifySource | undefined {
  if (store instanceof SqliteEventStore) {
    const { filename } = store;
    return filename === '' || filename === ':memory:' || filename.startsWith('file:')
      ? undefined
      : { kind: 'sqlite', filename };
  }
  if (store instanceof PostgresEventStore) {
    const { connectionString } = store.connectionPool.options;
    return typeof connectionString === 'string'
      ? { kind: 'postgres', connectionString, schema: store.schemaName }
      : undefined;
  }
  return undefined;
}
