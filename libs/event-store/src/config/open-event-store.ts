import { MemoryEventStore } from '../memory/memory-event-store';
import { PostgresEventStore } from '../postgres/postgres-event-store';
import type { TransactionalEventStore } from '../port/event-store';
import { SqliteEventStore } from '../sqlite/sqlite-event-store';
import { parseStoreUrl } from './store-url';

export interface OpenEventStoreOptions {
  readonly now?: () => Date;
  /** Open without writing (SQLite: read-only file handle; no migrations). */
  readonly readonly?: boolean;
  /** SQLite only: FULL (default) or NORMAL. */
  readonly synchronous?: 'FULL' | 'NORMAL';
}

/** Opens the adapter named by a store URL (`ACCOUNT_OPS_STORE`); see {@link parseStoreUrl}. */
export async function openEventStore(
  url: string | undefined,
  options: OpenEventStoreOptions = {},
): Promise<TransactionalEventStore> {
  const location = parseStoreUrl(url);
  switch (location.kind) {
    case 'memory':
      return new MemoryEventStore({ now: options.now });
    case 'sqlite':
      return new SqliteEventStore({ filename: location.filename, ...options });
    case 'postgres':
      if (options.readonly) throw new Error('read-only mode is only available for SQLite stores');
      return PostgresEventStore.connect({
        connectionString: location.connectionString,
        now: options.now,
      });
    case 'eventstoredb':
      throw new Error('The EventStoreDB adapter is not available yet (issue 8).');
  }
}
