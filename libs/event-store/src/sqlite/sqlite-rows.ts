import type { EventMetadata, JsonValue, RecordedEvent } from '../port/envelope';
import { position } from '../port/position';

/** The columns every event read selects, in {@link EventRow} order. */
export const EVENT_COLUMNS =
  'global_position, stream_id, version, event_id, type, schema_version, data, metadata';

/**
 * One row of the events table as the store's raw statements return it: an array in
 * {@link EVENT_COLUMNS} order, integers as bigint. Raw arrays, not named-column objects:
 * better-sqlite3 builds an object per row with a property per column, which costs about a
 * quarter of a read (rebuilds and verify read every event of the store).
 */
export type EventRow = [
  globalPosition: bigint,
  streamId: string,
  version: bigint,
  eventId: string,
  type: string,
  schemaVersion: bigint,
  data: string,
  metadata: string,
];

export interface StreamRow {
  version: number;
  last_hash: string;
  last_position: bigint;
}

export function toRecordedEvent(row: EventRow): RecordedEvent {
  return {
    eventId: row[3],
    streamId: row[1],
    version: Number(row[2]),
    globalPosition: position(row[0]),
    type: row[4],
    schemaVersion: Number(row[5]),
    data: JSON.parse(row[6]) as JsonValue,
    metadata: JSON.parse(row[7]) as EventMetadata,
  };
}
