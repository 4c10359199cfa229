import type { EventMetadata, JsonValue, RecordedEvent } from '../port/envelope';
import { position } from '../port/position';

/** One row of the events table as better-sqlite3 returns it (positions as bigint). */
export interface EventRow {
  global_position: bigint;
  stream_id: string;
  version: number;
  event_id: string;
  type: string;
  schema_version: number;
  data: string;
  metadata: string;
}

export interface StreamRow {
  version: number;
  last_hash: string;
  last_position: bigint;
}

export function toRecordedEvent(row: EventRow): RecordedEvent {
  return {
    eventId: row.event_id,
    streamId: row.stream_id,
    version: Number(row.version),
    globalPosition: position(row.global_position),
    type: row.type,
    schemaVersion: Number(row.schema_version),
    data: JSON.parse(row.data) as JsonValue,
    metadata: JSON.parse(row.metadata) as EventMetadata,
  };
}
