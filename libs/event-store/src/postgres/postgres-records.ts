import type { ClientBase, Pool } from 'pg';
import type { JsonValue } from '../port/envelope';
import { DuplicateRecord } from '../port/errors';
import type { ListRecordsOptions, RecordWrite, StoredRecord } from '../port/records';
import { keyPrefixBound } from '../support/key-prefix-bound';

interface RecordRow {
  collection: string;
  key: string;
  sort_key: string | null;
  value: JsonValue;
  bytes: Buffer | null;
}

const toRecord = (row: RecordRow): StoredRecord => ({
  collection: row.collection,
  key: row.key,
  sortKey: row.sort_key,
  value: row.value,
  ...(row.bytes ? { bytes: row.bytes } : {}),
});

/** SQL for the records table of one schema. */
export function recordsSql(schema: string) {
  const t = `"${schema}".records`;
  return {
    get: `SELECT collection, key, sort_key, value, bytes FROM ${t} WHERE collection = $1 AND key = $2`,
    getMany: `SELECT collection, key, sort_key, value, bytes FROM ${t} WHERE collection = $1 AND key = ANY($2::text[])`,
    // COLLATE "C": byte order, the same as SQLite and JavaScript compare ISO timestamps and keys.
    list: `SELECT collection, key, sort_key, value, bytes FROM ${t}
           WHERE collection = $1 AND ($2::text IS NULL OR (sort_key IS NOT NULL AND sort_key COLLATE "C" <= $2::text))
             AND ($4::text IS NULL OR left(key, length($4::text)) = $4::text)
             -- The same prefix as a key range, so the byte-order index bounds the read.
             AND ($4::text IS NULL OR (key COLLATE "C" >= $4::text AND key COLLATE "C" < $6::text))
             AND ($5::text IS NULL OR (sort_key IS NULL AND key COLLATE "C" > $5::text))
           ORDER BY sort_key COLLATE "C" NULLS LAST, key COLLATE "C" LIMIT $3`,
    insert: `INSERT INTO ${t} (collection, key, sort_key, value, bytes) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING`,
    /** `rows` inserts in one statement; answers the keys it stored. */
    insertRows: (rows: number) =>
      `INSERT INTO ${t} (collection, key, sort_key, value, bytes) VALUES ${Array.from(
        { length: rows },
        (_, i) => `(${[1, 2, 3, 4, 5].map((p) => `$${5 * i + p}`).join(', ')})`,
      ).join(', ')} ON CONFLICT DO NOTHING RETURNING collection, key`,
    upsert: `INSERT INTO ${t} (collection, key, sort_key, value, bytes) VALUES ($1, $2, $3, $4, $5)
             ON CONFLICT (collection, key) DO UPDATE
               SET sort_key = EXCLUDED.sort_key, value = EXCLUDED.value, bytes = EXCLUDED.bytes`,
    update: `UPDATE ${t} SET sort_key = $3, value = $4, bytes = $5 WHERE collection = $1 AND key = $2`,
    delete: `DELETE FROM ${t} WHERE collection = $1 AND key = $2`,
  };
}

export type RecordsSql = ReturnType<typeof recordsSql>;

export async function getRecord(pool: Pool, sql: RecordsSql, collection: string, key: string) {
  const { rows } = await pool.query<RecordRow>(sql.get, [collection, key]);
  return rows[0] && toRecord(rows[0]);
}

export async function getRecords(
  pool: Pool,
  sql: RecordsSql,
  collection: string,
  keys: readonly string[],
): Promise<StoredRecord[]> {
  if (keys.length === 0) return [];
  const { rows } = await pool.query<RecordRow>(sql.getMany, [collection, keys]);
  return rows.map(toRecord);
}

export async function listRecords(
  pool: Pool,
  sql: RecordsSql,
  collection: string,
  options: ListRecordsOptions,
) {
  const { rows } = await pool.query<RecordRow>(sql.list, [
    collection,
    options.sortKeyAtMost ?? null,
    options.limit ?? null,
    options.keyPrefix ?? null,
    options.keyAfter ?? null,
    options.keyPrefix === undefined ? null : keyPrefixBound(options.keyPrefix),
  ]);
  return rows.map(toRecord);
}

/** Inserts joined into one statement, at most this many rows (5 parameters each). */
const INSERT_ROWS = 250;

/**
 * Applies writes inside the caller's transaction; an insert over an existing key throws.
 * Consecutive inserts go in multi-row statements: one round trip for a run of them (the
 * read-access log writes three rows per read).
 */
export async function applyRecordWrites(
  client: ClientBase,
  sql: RecordsSql,
  writes: readonly RecordWrite[],
): Promise<void> {
  for (let i = 0; i < writes.length;) {
    const write = writes[i]!;
    if (write.op === 'insert') {
      let end = i + 1;
      while (end < writes.length && end - i < INSERT_ROWS && writes[end]!.op === 'insert') end++;
      await insertRun(client, sql, writes.slice(i, end) as InsertWrite[]);
      i = end;
      continue;
    }
    i++;
    if (write.op === 'delete') {
      await client.query(sql.delete, [write.collection, write.key]);
      continue;
    }
    const params = [
      write.collection,
      write.key,
      write.sortKey ?? null,
      JSON.stringify(write.value),
      write.bytes ?? null,
    ];
    await client.query(sql[write.op], params);
  }
}

type InsertWrite = Extract<RecordWrite, { op: 'insert' }>;

async function insertRun(
  client: ClientBase,
  sql: RecordsSql,
  run: readonly InsertWrite[],
): Promise<void> {
  const params = run.flatMap((w) => [
    w.collection,
    w.key,
    w.sortKey ?? null,
    JSON.stringify(w.value),
    w.bytes ?? null,
  ]);
  const { rows } = await client.query<{ collection: string; key: string }>(
    run.length === 1 ? `${sql.insert} RETURNING collection, key` : sql.insertRows(run.length),
    params,
  );
  if (rows.length === run.length) return;
  // Name the first insert that stored nothing, as one statement per write would have.
  const stored = new Map<string, number>();
  for (const row of rows) {
    const id = JSON.stringify([row.collection, row.key]);
    stored.set(id, (stored.get(id) ?? 0) + 1);
  }
  for (const w of run) {
    const id = JSON.stringify([w.collection, w.key]);
    const left = stored.get(id) ?? 0;
    if (left === 0) throw new DuplicateRecord(w.collection, w.key);
    stored.set(id, left - 1);
  }
}
