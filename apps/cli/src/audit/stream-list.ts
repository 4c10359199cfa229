import { SqliteEventStore, type EventStore } from '@account-ops/event-store';
import { readAllBatches } from './stream-reader';

/** One stream and how many events it holds (the progress total for verify --all). */
export interface StreamInfo {
  readonly streamId: string;
  readonly events: number;
}

/**
 * Every stream in the store, in order of first appearance. The port has no stream listing,
 * so on SQLite one grouped query over the events table answers it (rows, not the streams
 * table: a stream whose tip row was deleted must still be verified); other stores are read
 * once in global order.
 */
export async function listStreams(store: EventStore, signal?: AbortSignal): Promise<StreamInfo[]> {
  if (store instanceof SqliteEventStore) {
    return store.db
      .prepare<[], { streamId: string; events: number }>(
        `SELECT stream_id AS streamId, count(*) AS events FROM events
         GROUP BY stream_id ORDER BY min(global_position)`,
      )
      .all();
  }
  const counts = new Map<string, number>();
  for await (const batch of readAllBatches(store, undefined, 5000, signal)) {
    for (const event of batch) counts.set(event.streamId, (counts.get(event.streamId) ?? 0) + 1);
  }
  return [...counts].map(([streamId, events]) => ({ streamId, events }));
}
