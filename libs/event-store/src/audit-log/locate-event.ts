import { MemoryEventStore } from '../memory/memory-event-store';
import type { RecordedEvent } from '../port/envelope';
import type { TransactionalEventStore } from '../port/event-store';
import { PostgresEventStore } from '../postgres/postgres-event-store';
import { SplitEventStore } from '../split/split-event-store';
import { SqliteEventStore } from '../sqlite/sqlite-event-store';

/** Finding an event by id needs the SQL stores' event id index. */
export class EventLookupUnsupported extends Error {
  override readonly name = 'EventLookupUnsupported';
}

/** The stored event with this id, through the SQL stores' event id index. */
export async function locateEvent(
  store: TransactionalEventStore,
  eventId: string,
): Promise<RecordedEvent | undefined> {
  let where: { streamId: string; version: number } | undefined;
  if (store instanceof SqliteEventStore || store instanceof PostgresEventStore) {
    where = await store.locateEvent(eventId);
  } else if (store instanceof MemoryEventStore || store instanceof SplitEventStore) {
    // No index by id (EventStoreDB has none): a walk through the global order.
    return scan(store, eventId);
  } else {
    throw new EventLookupUnsupported('this store cannot find an event by its id');
  }
  if (!where) return undefined;
  const [event] = await store.readStream(where.streamId, {
    fromVersion: where.version,
    maxCount: 1,
  });
  return event;
}

async function scan(
  store: TransactionalEventStore,
  eventId: string,
): Promise<RecordedEvent | undefined> {
  let after: RecordedEvent['globalPosition'] | undefined;
  for (;;) {
    const page = await store.readAll({ ...(after ? { fromPosition: after } : {}), maxCount: 1000 });
    if (page.length === 0) return undefined;
    const found = page.find((e) => e.eventId === eventId);
    if (found) return found;
    after = page[page.length - 1]!.globalPosition;
  }
}
