import type { Database, Statement } from 'better-sqlite3';
import type { ReadModelReader, SqlRow } from '../read-model-reader';

/** Queries on the SQLite read models, preparing each distinct SQL text once. */
export class SqliteReadModelReader implements ReadModelReader {
  private readonly prepared = new Map<string, Statement>();

  constructor(private readonly db: Database) {}

  async query(sql: string, params: readonly (string | number | bigint | null)[] = []) {
    return this.all(sql, params);
  }

  /** The synchronous form, for reads inside a transaction. */
  all(sql: string, params: readonly (string | number | bigint | null)[] = []): SqlRow[] {
    let statement = this.prepared.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.prepared.set(sql, statement);
    }
    return statement.all(...params) as SqlRow[];
  }
}
