import type { EventMetadata, JsonValue, RecordedEvent } from '../port/envelope';
import type { Position } from '../port/position';

/** Where a row sits in the global order; both halves as decimal text (xid8 and bigint). */
export interface PositionRow {
  readonly seq: string;
  readonly transaction_id: string;
}

/** An `events` row as the store's SELECTs return it (`json` columns already parsed by pg). */
export interface EventRow extends PositionRow {
  readonly event_id: string;
  readonly stream_id: string;
  readonly version: number;
  readonly type: string;
  readonly schema_version: number;
  readonly data: JsonValue;
  readonly metadata: EventMetadata;
}

/** What a stream read returns for a stream that exists but has no event in the range. */
export type NoEventRow = { readonly [K in keyof EventRow]: null };

export function toPosition(row: PositionRow): Position {
  return { commit: BigInt(row.transaction_id), prepare: BigInt(row.seq) };
}

/** Query parameters for "after this position": xid8 and bigint, as text. */
export function positionParams(position: Position): [string, string] {
  return [position.commit.toString(), position.prepare.toString()];
}

export function toRecordedEvent(row: EventRow): RecordedEvent {
  return {
    eventId: row.event_id,
    streamId: row.stream_id,
    version: row.version,
    globalPosition: toPosition(row),
    type: row.type,
    schemaVersion: row.schema_version,
    data: row.data,
    metadata: row.metadata,
  };
}
