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
}

const toRecord = (row: RecordRow): StoredRecord => ({
  collection: row.collection,
  key: row.key,
  sortKey: row.sort_key,
  value: row.value,
});

/** SQL for the records table of one schema. */
export function recordsSql(schema: string) {
  const t = `"${schema}".records`;
  return {
    get: `SELECT collection, key, sort_key, value FROM ${t} WHERE collection = $1 AND key = $2`,
    // COLLATE "C": byte order, the same as SQLite and JavaScript compare ISO timestamps and keys.
    list: `SELECT collection, key, sort_key, value FROM ${t}
           WHERE collection = $1 AND ($2::text IS NULL OR (sort_key IS NOT NULL AND sort_key COLLATE "C" <= $2::text))
             AND ($4::text IS NULL OR left(key, length($4::text)) = $4::text)
             -- The same prefix as a key range, so the byte-order index bounds the read.
             AND ($4::text IS NULL OR (key COLLATE "C" >= $4::text AND key COLLATE "C" < $6::text))
             AND ($5::text IS NULL OR (sort_key IS NULL AND key COLLATE "C" > $5::text))
           ORDER BY sort_key COLLATE "C" NULLS LAST, key COLLATE "C" LIMIT $3`,
    insert: `INSERT INTO ${t} (collection, key, sort_key, value) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`,
    upsert: `INSERT INTO ${t} (collection, key, sort_key, value) VALUES ($1, $2, $3, $4)
             ON CONFLICT (collection, key) DO UPDATE SET sort_key = EXCLUDED.sort_key, value = EXCLUDED.value`,
    update: `UPDATE ${t} SET sort_key = $3, value = $4 WHERE collection = $1 AND key = $2`,
    delete: `DELETE FROM ${t} WHERE collection = $1 AND key = $2`,
  };
}

export type RecordsSql = ReturnType<typeof recordsSql>;

export async function getRecord(pool: Pool, sql: RecordsSql, collection: string, key: string) {
  const { rows } = await pool.query<RecordRow>(sql.get, [collection, key]);
  return rows[0] && toRecord(rows[0]);
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

/** Applies writes inside the caller's transaction; an insert over an existing key throws. */
export async function applyRecordWrites(
  client: ClientBase,
  sql: RecordsSql,
  writes: readonly RecordWrite[],
): Promise<void> {
  for (const write of writes) {
    if (write.op === 'delete') {
      await client.query(sql.delete, [write.collection, write.key]);
      continue;
    }
    const params = [
      write.collection,
      write.key,
      write.sortKey ?? null,
      JSON.stringify(write.value),
    ];
    const result = await client.query(sql[write.op], params);
    if (write.op === 'insert' && result.rowCount === 0)
      throw new DuplicateRecord(write.collection, write.key);
  }
}
