import {
  MemoryEventStore,
  PostgresEventStore,
  type RecordedEvent,
  SplitEventStore,
  SqliteEventStore,
  type TransactionalEventStore,
} from '@account-ops/event-store';
import { usageError } from '../support/exit-codes';

/** The stored event with this id, through the SQL stores' event id index. */
export async function locateEvent(
  store: TransactionalEventStore,
  eventId: string,
): Promise<RecordedEvent | undefined> {
  let where: { streamId: string; version: number } | undefined;
  if (store instanceof SqliteEventStore || store instanceof PostgresEventStore) {
    where = await store.locateEvent(eventId);
  } else if (store instanceof MemoryEventStore) {
    return (await store.readAll()).find((e) => e.eventId === eventId);
  } else if (store instanceof SplitEventStore) {
    throw usageError(
      'finding an event by id needs a SQL event store (EventStoreDB has no such index)',
    );
  }
  if (!where) return undefined;
  const [event] = await store.readStream(where.streamId, {
    fromVersion: where.version,
    maxCount: 1,
  });
  return event;
}
