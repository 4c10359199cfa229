import {
  PostgresEventStore,
  SqliteEventStore,
  type EventStore,
  type RecordedEvent,
} from '@account-ops/event-store';

const PAGE = 1000;

/**
 * Every stream id in the store. SQL stores list their `streams` table; other stores are
 * walked through `readAll` (the port has no stream listing).
 */
export async function listStreamIds(store: EventStore): Promise<string[]> {
  if (store instanceof SqliteEventStore) {
    return store.db
      .prepare<[], { stream_id: string }>('SELECT stream_id FROM streams ORDER BY stream_id')
      .all()
      .map((row) => row.stream_id);
  }
  if (store instanceof PostgresEventStore) {
    const { rows } = await store.connectionPool.query<{ stream_id: string }>(
      `SELECT stream_id FROM "${store.schemaName}".streams WHERE version > 0 ORDER BY stream_id`,
    );
    return rows.map((row) => row.stream_id);
  }
  const ids = new Set<string>();
  for (let page = await store.readAll({ maxCount: PAGE }); page.length > 0;) {
    for (const event of page) ids.add(event.streamId);
    page = await store.readAll({ fromPosition: page.at(-1)!.globalPosition, maxCount: PAGE });
  }
  return [...ids].sort();
}

/**
 * One stream from version 1, a page at a time, so a long stream is never held whole.
 * Yields whole pages (verifyStream takes them): one asynchronous step per page, not per
 * event.
 */
export async function* streamPages(
  store: EventStore,
  streamId: string,
): AsyncGenerator<RecordedEvent[]> {
  for (let from = 1; ; from += PAGE) {
    const page = await store.readStream(streamId, { fromVersion: from, maxCount: PAGE });
    yield page;
    if (page.length < PAGE) return;
  }
}
