import { EventStoreDbEventStore } from '../eventstoredb/eventstoredb-event-store';
import type { EventStoreDbEventStoreOptions } from '../eventstoredb/eventstoredb-options';
import { MemoryEventStore } from '../memory/memory-event-store';
import { PostgresEventStore } from '../postgres/postgres-event-store';
import type { EventStore, TransactionalEventStore } from '../port/event-store';
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
      throw new Error(
        'ACCOUNT_OPS_STORE=esdb://… keeps events only, but the engine also needs records and ' +
          'read models in SQL: that needs ACCOUNT_OPS_READ_STORE (the split configuration, not ' +
          'built yet). openEsdbEventStore opens the events-only store.',
      );
  }
}

/**
 * Opens an EventStoreDB store (`esdb://…` or `esdb+discover://…`) as a plain
 * {@link EventStore}: events only, no records. The engine cannot run on it alone; see
 * {@link openEventStore}.
 */
export async function openEsdbEventStore(
  url: string,
  options: EventStoreDbEventStoreOptions = {},
): Promise<EventStore> {
  const location = parseStoreUrl(url);
  if (location.kind !== 'eventstoredb') {
    throw new Error(
      `openEsdbEventStore needs an esdb:// or esdb+discover:// URL, not ${location.kind}`,
    );
  }
  return EventStoreDbEventStore.connect({
    connectionString: location.connectionString,
    ...options,
  });
}
