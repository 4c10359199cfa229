import type { JsonObject, JsonValue, NewEvent, RecordedEvent } from '../port/envelope';
import type { RecordWrite } from '../port/records';

/**
 * The metadata field (under `extra`) of the last event of an append that carries the
 * append's record writes when the events live in another store than the records. It is
 * part of the hashed event, so the log itself says what each command recorded.
 */
export const CARRIED_RECORDS_FIELD = 'accountOpsRecords';

/** Writes that can travel in the log; confidential ones are written before the append. */
export function splitConfidential(records: readonly RecordWrite[]): {
  readonly confidential: RecordWrite[];
  readonly carried: RecordWrite[];
} {
  const confidential: RecordWrite[] = [];
  const carried: RecordWrite[] = [];
  for (const write of records) {
    (write.op !== 'delete' && write.confidential ? confidential : carried).push(write);
  }
  return { confidential, carried };
}

/** The events with `carried` attached to the last one (unchanged when there is nothing to carry). */
export function attachRecords(
  events: readonly NewEvent[],
  carried: readonly RecordWrite[],
): NewEvent[] {
  if (carried.length === 0 || events.length === 0) return [...events];
  const last = events[events.length - 1]!;
  const extra: JsonObject = {
    ...(last.metadata.extra ?? {}),
    [CARRIED_RECORDS_FIELD]: carried.map(toJson),
  };
  return [...events.slice(0, -1), { ...last, metadata: { ...last.metadata, extra } }];
}

/** The record writes an event carries; empty for events that carry none. */
export function carriedRecords(event: RecordedEvent): RecordWrite[] {
  const carried = event.metadata.extra?.[CARRIED_RECORDS_FIELD];
  if (!Array.isArray(carried)) return [];
  return carried.map((item) => fromJson(item, event));
}

function toJson(write: RecordWrite): JsonObject {
  if (write.op === 'delete') {
    // Kept, so the record store purges its copies of the erased row (SQLite's WAL).
    return {
      op: 'delete',
      collection: write.collection,
      key: write.key,
      ...(write.confidential ? { confidential: true } : {}),
    };
  }
  return {
    op: write.op,
    collection: write.collection,
    key: write.key,
    value: write.value,
    sortKey: write.sortKey ?? null,
  };
}

function fromJson(item: JsonValue, event: RecordedEvent): RecordWrite {
  const write = item as Record<string, JsonValue>;
  const { op, collection, key } = write;
  if (typeof collection !== 'string' || typeof key !== 'string') throw unreadable(event);
  if (op === 'delete')
    return { op, collection, key, ...(write.confidential === true ? { confidential: true } : {}) };
  if (op !== 'insert' && op !== 'upsert' && op !== 'update') throw unreadable(event);
  const sortKey = typeof write.sortKey === 'string' ? write.sortKey : null;
  return { op, collection, key, value: write.value ?? null, sortKey };
}

function unreadable(event: RecordedEvent): Error {
  return new Error(
    `event ${event.streamId}@${event.version} carries a record write that cannot be read`,
  );
}
