import type { Database } from 'better-sqlite3';
import type { JsonValue } from '../port/envelope';
import { DuplicateRecord } from '../port/errors';
import type { ListRecordsOptions, RecordWrite, StoredRecord } from '../port/records';
import { keyPrefixBound } from '../support/key-prefix-bound';

interface RecordRow {
  collection: string;
  key: string;
  sort_key: string | null;
  value: string;
  bytes: Buffer | null;
}

const toRecord = (row: RecordRow): StoredRecord => ({
  collection: row.collection,
  key: row.key,
  sortKey: row.sort_key,
  value: JSON.parse(row.value) as JsonValue,
  ...(row.bytes ? { bytes: row.bytes } : {}),
});

interface PrefixParams {
  collection: string;
  prefix: string;
  below: string;
  atMost: string | null;
  limit: number;
}

/** The records table; `apply` must run inside the caller's transaction. */
export class SqliteRecords {
  private readonly statements;

  constructor(db: Database) {
    this.statements = {
      get: db.prepare<[string, string], RecordRow>(
        'SELECT * FROM records WHERE collection = ? AND key = ?',
      ),
      // Nulls last, then key: the order every adapter lists in.
      list: db.prepare<
        [string, string | null, string | null, string | null, string | null, string | null, number],
        RecordRow
      >(
        `SELECT * FROM records WHERE collection = ? AND (? IS NULL OR (sort_key IS NOT NULL AND sort_key <= ?))
           AND (? IS NULL OR substr(key, 1, length(?)) = ?)
         ORDER BY sort_key IS NULL, sort_key, key LIMIT ?`,
      ),
      // Its own statement, so each page is a range read of records_by_sort_key, not a sort.
      listAfter: db.prepare<
        [string, string, string | null, string | null, string | null, number],
        RecordRow
      >(
        `SELECT * FROM records WHERE collection = ? AND sort_key IS NULL AND key > ?
           AND (? IS NULL OR substr(key, 1, length(?)) = ?)
         ORDER BY key LIMIT ?`,
      ),
      // With a key prefix, the key's range bounds the read (an index range, not a scan of
      // the collection); the substr test keeps the match exact.
      listPrefix: db.prepare<[PrefixParams], RecordRow>(
        `SELECT * FROM records WHERE collection = @collection AND key >= @prefix AND key < @below
           AND substr(key, 1, length(@prefix)) = @prefix
           AND (@atMost IS NULL OR (sort_key IS NOT NULL AND sort_key <= @atMost))
         ORDER BY sort_key IS NULL, sort_key, key LIMIT @limit`,
      ),
      listAfterPrefix: db.prepare<[PrefixParams & { after: string }], RecordRow>(
        `SELECT * FROM records WHERE collection = @collection AND sort_key IS NULL
           AND key > @after AND key >= @prefix AND key < @below
           AND substr(key, 1, length(@prefix)) = @prefix
         ORDER BY key LIMIT @limit`,
      ),
      insert: db.prepare(
        'INSERT INTO records (collection, key, sort_key, value, bytes) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING',
      ),
      upsert: db.prepare(
        `INSERT INTO records (collection, key, sort_key, value, bytes) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (collection, key) DO UPDATE
           SET sort_key = excluded.sort_key, value = excluded.value, bytes = excluded.bytes`,
      ),
      update: db.prepare(
        'UPDATE records SET sort_key = ?, value = ?, bytes = ? WHERE collection = ? AND key = ?',
      ),
      delete: db.prepare('DELETE FROM records WHERE collection = ? AND key = ?'),
    };
  }

  get(collection: string, key: string): StoredRecord | undefined {
    const row = this.statements.get.get(collection, key);
    return row && toRecord(row);
  }

  list(collection: string, options: ListRecordsOptions = {}): StoredRecord[] {
    const atMost = options.sortKeyAtMost ?? null;
    const prefix = options.keyPrefix ?? null;
    const limit = options.limit ?? -1;
    if (prefix !== null) {
      const params = { collection, prefix, below: keyPrefixBound(prefix), atMost, limit };
      if (options.keyAfter === undefined)
        return this.statements.listPrefix.all(params).map(toRecord);
      if (atMost !== null) return [];
      return this.statements.listAfterPrefix
        .all({ ...params, after: options.keyAfter })
        .map(toRecord);
    }
    if (options.keyAfter !== undefined) {
      // Records without a sort key only: none of them has one at most `atMost`.
      if (atMost !== null) return [];
      return this.statements.listAfter
        .all(collection, options.keyAfter, prefix, prefix, prefix, limit)
        .map(toRecord);
    }
    return this.statements.list
      .all(collection, atMost, atMost, prefix, prefix, prefix, limit)
      .map(toRecord);
  }

  /**
   * Set when a confidential record was deleted or changed (its old bytes are in the WAL);
   * the store purges the WAL after the commit.
   */
  erasedConfidential = false;

  apply(writes: readonly RecordWrite[]): void {
    for (const write of writes) {
      if (write.op === 'delete') {
        const { changes } = this.statements.delete.run(write.collection, write.key);
        if (write.confidential && changes > 0) this.erasedConfidential = true;
        continue;
      }
      if (write.op === 'update') {
        const { changes } = this.statements.update.run(
          write.sortKey ?? null,
          JSON.stringify(write.value),
          write.bytes ?? null,
          write.collection,
          write.key,
        );
        if (write.confidential && changes > 0) this.erasedConfidential = true;
        continue;
      }
      const params = [
        write.collection,
        write.key,
        write.sortKey ?? null,
        JSON.stringify(write.value),
        write.bytes ?? null,
      ];
      if (write.op === 'upsert') this.statements.upsert.run(...params);
      else if (this.statements.insert.run(...params).changes === 0)
        throw new DuplicateRecord(write.collection, write.key);
    }
  }
}
