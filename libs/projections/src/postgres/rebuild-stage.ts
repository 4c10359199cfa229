import { loadBetterSqlite3 } from '@account-ops/event-store';
import type { Database as SqliteDatabase } from 'better-sqlite3';
import { SqlRunner, type RecordedEvent } from '@account-ops/event-store';
import { shadowTableNames, type Projection } from '../projection';
import { pageStatements } from '../runner/batch-statements';
import { mergeInserts } from '../runner/merge-inserts';
import { createTables } from '../runner/table-ddl';

/** A staged table: where its rows go and their text in COPY's format, chunk by chunk. */
export interface StagedTable {
  /** The PostgreSQL shadow table the rows go to (the stage uses the same name). */
  readonly table: string;
  /** Its columns in declaration order: the order of the values in every line. */
  readonly columns: readonly string[];
  copyText(): Generator<string>;
}

/** Rows per chunk of COPY text (a few hundred KB for the widest table). */
const ROWS_PER_CHUNK = 2000;

/**
 * One column as COPY text, computed by SQLite: `\N` for NULL; integers as their exact
 * decimal text (CAST keeps all 64 bits); text with backslash, tab, newline or carriage
 * return — the only characters COPY's text format gives a meaning — escaped, other text
 * as it is (one GLOB scan, where four replace() calls would copy every value four times).
 * SQLite string literals have no escapes: `'\'` is one backslash, and the GLOB's class
 * holds the four characters themselves.
 */
function copyColumn(column: string): string {
  const text = `CAST(${column} AS TEXT)`;
  const escaped =
    `replace(replace(replace(replace(${text}, '\\', '\\\\'), ` +
    `char(9), '\\t'), char(10), '\\n'), char(13), '\\r')`;
  return (
    `CASE WHEN ${column} IS NULL THEN '\\N' ` +
    `WHEN typeof(${column}) = 'integer' THEN ${text} ` +
    `WHEN ${text} GLOB '*[\t\n\r\\]*' THEN ${escaped} ELSE ${text} END`
  );
}

/**
 * Where a PostgreSQL rebuild applies the projections before loading their rows: a private
 * SQLite database (`''`: SQLite's temporary on-disk database, its pages in memory up to
 * the cache and the rest in a file SQLite deletes when it is closed), no journal, no
 * syncs. The projections' statements are portable SQL (see `Projection`), so the stage
 * ends with the rows the same statements would have left in PostgreSQL — what the
 * read-model tests compare, a rebuild against the live projector — at a few
 * microseconds per statement in-process, where each costs PostgreSQL ≈ 20 µs of server
 * time (docs/benchmarks.md). Only the final rows cross to the server, by COPY, as text
 * SQLite itself writes (no row objects in JavaScript).
 */
export class RebuildStage {
  private readonly db: SqliteDatabase;
  private readonly runner: SqlRunner;

  constructor(private readonly projections: readonly Projection[]) {
    const Database = loadBetterSqlite3();
    this.db = new Database('');
    this.db.pragma('journal_mode = OFF');
    this.db.pragma('synchronous = OFF');
    // 64 MiB of pages in memory; a larger store's rows spill to the temporary file.
    this.db.pragma('cache_size = -65536');
    this.runner = new SqlRunner(this.db);
    for (const p of projections) {
      for (const s of createTables(p, shadowTableNames(p))) this.db.exec(s.sql);
    }
  }

  /** Every projection's rows for these events, in one transaction of the stage. */
  apply(events: readonly RecordedEvent[]): void {
    this.db.transaction(() => {
      for (const p of this.projections) {
        this.runner.run(mergeInserts(pageStatements(p, events, shadowTableNames(p))));
      }
    })();
  }

  /** Every staged table, in the projections' order. */
  tables(): StagedTable[] {
    return this.projections.flatMap((p) => {
      const shadow = shadowTableNames(p);
      return p.tables.map((t) => this.staged(shadow[t.name]!));
    });
  }

  close(): void {
    this.db.close();
  }

  private staged(table: string): StagedTable {
    const columns = this.db
      .prepare(`SELECT * FROM ${table} LIMIT 0`)
      .columns()
      .map((c) => c.name);
    const line = `concat_ws(char(9), ${columns.map(copyColumn).join(', ')}) || char(10)`;
    // Rowid ranges, not OFFSET: each chunk is found by the rowid, in insertion order.
    const chunk = this.db
      .prepare<[number, number], string | null>(
        `SELECT group_concat(line, '' ORDER BY id) FROM ` +
          `(SELECT rowid AS id, ${line} AS line FROM ${table} WHERE rowid > ? AND rowid <= ?)`,
      )
      .pluck();
    const last = this.db.prepare<[], number | null>(`SELECT max(rowid) FROM ${table}`).pluck();
    return {
      table,
      columns,
      *copyText() {
        const end = last.get() ?? 0;
        for (let from = 0; from < end; from += ROWS_PER_CHUNK) {
          const text = chunk.get(from, from + ROWS_PER_CHUNK);
          if (text) yield text;
        }
      },
    };
  }
}
