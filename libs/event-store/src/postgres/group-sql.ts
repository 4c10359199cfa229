import type { SealedEvent } from '../append/seal-events';
import { GENESIS_HASH } from '../hash/hash-chain';
import type { RecordWrite } from '../port/records';
import { sqlLiteral } from './sql-literal';

/**
 * The text of a group commit's two queries. Values are inlined as literals, escaped as
 * pg's own `escapeLiteral` does (as the PostgreSQL read models do), because a query with
 * parameters may hold only one statement, and the point is one round trip per group.
 * What is inlined is validated input and JSON.stringify output (which escapes every
 * control character); a query string cannot carry U+0000 at all, which only a record's
 * key could hold: see {@link carriesNul}.
 */

/** A stream's tip after the group, for the one UPDATE of the streams table. */
export interface TipWrite {
  readonly streamId: string;
  readonly version: number;
  readonly hash: string;
}

const text = sqlLiteral;
const textArray = (values: readonly string[]): string =>
  `ARRAY[${values.map(text).join(', ')}]::text[]`;

/** A record an append of the group inserts (insert-only: a stored one fails that append). */
export interface RecordKey {
  readonly collection: string;
  readonly key: string;
}

/**
 * Opens the transaction, creates the rows of streams that an append of the group may
 * create (`no_stream`, 0, `any`) and locks every stream's row, all in the order of
 * `ORDER BY stream_id`: two groups that share streams lock them in the same order and
 * cannot deadlock on them. Then reads which of the records the group inserts are stored
 * already (an idempotency key claimed before), so that such an append fails alone instead
 * of failing the group's write. Results: the locked tips, then (when `inserted` is not
 * empty) the stored keys.
 */
export function lockTipsText(
  schema: string,
  creatable: readonly string[],
  all: readonly string[],
  inserted: readonly RecordKey[] = [],
) {
  const streams = `"${schema}".streams`;
  const statements = ['BEGIN ISOLATION LEVEL READ COMMITTED'];
  if (creatable.length > 0) {
    statements.push(
      `INSERT INTO ${streams} (stream_id, version, last_hash)
       SELECT id, 0, ${text(GENESIS_HASH)} FROM unnest(${textArray(creatable)}) AS id ORDER BY id
       ON CONFLICT (stream_id) DO NOTHING`,
    );
  }
  statements.push(
    `SELECT stream_id, version, last_hash FROM ${streams}
     WHERE stream_id = ANY (${textArray(all)}) ORDER BY stream_id FOR UPDATE`,
  );
  if (inserted.length > 0) {
    statements.push(
      `SELECT collection, key FROM "${schema}".records WHERE (collection, key) IN
       (VALUES ${inserted.map((r) => `(${text(r.collection)}, ${text(r.key)})`).join(', ')})`,
    );
  }
  return statements.join(';\n');
}

/** What a group writes (postgres-group-append.ts plans it). */
export interface GroupWrites {
  readonly events: readonly SealedEvent[];
  readonly tips: readonly TipWrite[];
  readonly records: readonly RecordWrite[];
  /** Streams none of the group's appends writes to: rows the lock step created are dropped. */
  readonly unwritten: readonly string[];
}

/** Opens the transaction and locks existing streams' rows in the one lock order. */
export function lockOnlyText(schema: string, streams: readonly string[]): string {
  return [
    'BEGIN ISOLATION LEVEL READ COMMITTED',
    `SELECT 1 FROM "${schema}".streams WHERE stream_id = ANY (${textArray(streams)})
     ORDER BY stream_id FOR UPDATE`,
  ].join(';\n');
}

/**
 * Everything the group writes, then COMMIT: the events in the group's order (so their
 * sequence numbers follow it), the new tips, the rows of streams that were created for
 * an append that then failed (a stream without events does not exist), every record
 * write in append order, one NOTIFY. Record inserts have no ON CONFLICT: a duplicate key
 * must fail the statement, and with it the group (see postgres-group-append.ts). The
 * first result is the events' positions.
 */
export function writeGroupText(
  schema: string,
  channel: string,
  { events, tips, records, unwritten }: GroupWrites,
): string {
  const s = `"${schema}"`;
  const statements = [
    `INSERT INTO ${s}.events (event_id, stream_id, version, type, schema_version, data, metadata)
     VALUES ${events.map(eventValues).join(',\n')}
     RETURNING event_id::text AS event_id, seq::text AS seq, transaction_id::text AS transaction_id`,
    `UPDATE ${s}.streams AS s SET version = v.version, last_hash = v.last_hash
     FROM (VALUES ${tips.map((t) => `(${text(t.streamId)}, ${t.version}, ${text(t.hash)})`).join(', ')})
       AS v(stream_id, version, last_hash)
     WHERE s.stream_id = v.stream_id`,
    ...(unwritten.length > 0
      ? [`DELETE FROM ${s}.streams WHERE stream_id = ANY (${textArray(unwritten)}) AND version = 0`]
      : []),
    ...recordStatements(`${s}.records`, records),
    `SELECT pg_notify(${text(channel)}, '')`,
    'COMMIT',
  ];
  return statements.join(';\n');
}

function eventValues(e: SealedEvent): string {
  return (
    `(${text(e.eventId)}::uuid, ${text(e.streamId)}, ${e.version}, ${text(e.type)}, ` +
    `${e.schemaVersion}, ${text(JSON.stringify(e.data))}::json, ` +
    `${text(JSON.stringify(e.metadata))}::json)`
  );
}

/** Consecutive inserts share one multi-row INSERT; upserts and deletes keep their place. */
function recordStatements(table: string, writes: readonly RecordWrite[]): string[] {
  const statements: string[] = [];
  let inserts: string[] = [];
  const flushInserts = () => {
    if (inserts.length === 0) return;
    statements.push(
      `INSERT INTO ${table} (collection, key, sort_key, value) VALUES ${inserts.join(', ')}`,
    );
    inserts = [];
  };
  for (const write of writes) {
    if (write.op === 'insert') {
      inserts.push(recordValues(write));
      continue;
    }
    flushInserts();
    const where = `WHERE collection = ${text(write.collection)} AND key = ${text(write.key)}`;
    statements.push(
      write.op === 'upsert'
        ? `INSERT INTO ${table} (collection, key, sort_key, value) VALUES ${recordValues(write)}
           ON CONFLICT (collection, key) DO UPDATE SET sort_key = EXCLUDED.sort_key, value = EXCLUDED.value`
        : write.op === 'update'
          ? `UPDATE ${table} SET sort_key = ${sortKeyLiteral(write)}, value = ${text(JSON.stringify(write.value))}::json ${where}`
          : `DELETE FROM ${table} ${where}`,
    );
  }
  flushInserts();
  return statements;
}

function sortKeyLiteral(write: Exclude<RecordWrite, { op: 'delete' }>): string {
  return write.sortKey === undefined || write.sortKey === null ? 'NULL' : text(write.sortKey);
}

function recordValues(write: Exclude<RecordWrite, { op: 'delete' }>): string {
  return `(${text(write.collection)}, ${text(write.key)}, ${sortKeyLiteral(write)}, ${text(JSON.stringify(write.value))}::json)`;
}

/** A query string ends at U+0000: such a group must go the parameterised way. */
export function carriesNul(queryText: string): boolean {
  return queryText.includes('\u0000');
}
