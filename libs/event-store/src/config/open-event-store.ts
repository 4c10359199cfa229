import { EventStoreDbEventStore } from '../eventstoredb/eventstoredb-event-store';
import type { EventStoreDbEventStoreOptions } from '../eventstoredb/eventstoredb-options';
import { MemoryEventStore } from '../memory/memory-event-store';
import { PostgresEventStore } from '../postgres/postgres-event-store';
import type { EventStore, TransactionalEventStore } from '../port/event-store';
import { SplitEventStore } from '../split/split-event-store';
import { SqliteEventStore } from '../sqlite/sqlite-event-store';
import { parseStoreUrl, type StoreLocation } from './store-url';

/** How messages name the events-only store URLs. */
const EVENTS_ONLY_URLS = 'kurrentdb://… or esdb://…';

export interface OpenEventStoreOptions {
  readonly now?: () => Date;
  /** Open without writing (SQLite: read-only file handle; no migrations). */
  readonly readonly?: boolean;
  /** SQLite only: FULL (default) or NORMAL. */
  readonly synchronous?: 'FULL' | 'NORMAL';
  /**
   * Where records and read models live when the events are in EventStoreDB/KurrentDB
   * (`ACCOUNT_OPS_READ_STORE`, a postgres:// URL). Required for kurrentdb:// and esdb://,
   * refused otherwise (one-database stores keep both together).
   */
  readonly readStore?: string;
  /** Failures of background work that retries by itself (the split store's record applier). */
  readonly onBackgroundError?: (error: unknown) => void;
}

/** Opens the adapter named by a store URL (`ACCOUNT_OPS_STORE`); see {@link parseStoreUrl}. */
export async function openEventStore(
  url: string | undefined,
  options: OpenEventStoreOptions = {},
): Promise<TransactionalEventStore> {
  const location = parseStoreUrl(url);
  if (options.readStore !== undefined && location.kind !== 'eventstoredb') {
    throw new Error(
      `ACCOUNT_OPS_READ_STORE is only used with ACCOUNT_OPS_STORE=${EVENTS_ONLY_URLS}: ` +
        'memory, SQLite and PostgreSQL stores keep records and read models beside the events',
    );
  }
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
      return openSplitStore(location, options);
  }
}

/**
 * Opens an EventStoreDB/KurrentDB store (`kurrentdb://…`, `kurrentdb+discover://…`,
 * `esdb://…` or `esdb+discover://…`; the scheme picks the npm client) as a plain
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
      `openEsdbEventStore needs a kurrentdb://, kurrentdb+discover://, esdb:// or esdb+discover:// URL, not ${location.kind}`,
    );
  }
  return EventStoreDbEventStore.connect({
    connectionString: location.connectionString,
    ...options,
  });
}

/**
 * Events in EventStoreDB/KurrentDB, records and read models in the SQL read store. The
 * record applier starts here, so writes a crashed process left behind are applied without
 * waiting for the next command on their account.
 */
async function openSplitStore(
  location: Extract<StoreLocation, { kind: 'eventstoredb' }>,
  options: OpenEventStoreOptions,
): Promise<SplitEventStore> {
  const { connectionString } = location;
  if (!options.readStore) {
    // The scheme only: the URL may carry credentials.
    const scheme = connectionString.slice(0, connectionString.indexOf('://'));
    throw new Error(
      `ACCOUNT_OPS_STORE=${scheme}://… keeps events only: set ACCOUNT_OPS_READ_STORE=postgres://… ` +
        'for records and read models',
    );
  }
  const readLocation = parseStoreUrl(options.readStore);
  // PostgreSQL: shared by every process of a cluster, and its read-model backend reads
  // events from any store. memory: is for tests.
  if (readLocation.kind !== 'postgres' && readLocation.kind !== 'memory') {
    throw new Error('ACCOUNT_OPS_READ_STORE must be a postgres:// URL');
  }
  if (options.readonly) throw new Error('read-only mode is only available for SQLite stores');
  const records = await openEventStore(options.readStore, { now: options.now });
  try {
    const events = await EventStoreDbEventStore.connect({ connectionString, now: options.now });
    const store = new SplitEventStore({
      events,
      records,
      onError: options.onBackgroundError ?? reportToStderr,
    });
    store.startApplier();
    return store;
  } catch (error) {
    await records.close();
    throw error;
  }
}

function reportToStderr(error: unknown): void {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`account-ops: record applier: ${message}\n`);
}
