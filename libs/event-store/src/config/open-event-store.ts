import { MemoryEventStore } from '../memory/memory-event-store';
import type { EventStore } from '../port/event-store';
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
): Promise<EventStore> {
  const location = parseStoreUrl(url);
  switch (location.kind) {
    case 'memory':
      return new MemoryEventStore({ now: options.now });
    case 'sqlite':
      return new SqliteEventStore({ filename: location.filename, ...options });
    case 'postgres':
      throw new Error('postgres adapter not wired yet');
    case 'eventstoredb':
      throw new Error('The EventStoreDB adapter is not available yet (issue 8).');
  }
}
