import Database from 'better-sqlite3';
import type { RecordedEvent } from '@account-ops/event-store';
import { liveTableNames, tableOf, type Projection, type TableNames } from '../projection';
import type { ReadModelReader, SqlRow } from '../read-model-reader';

type Params = readonly (string | number | bigint | null)[];

/**
 * Integers come back as strings, as pg returns BIGINT, COUNT and SUM: a query helper that
 * forgets to convert a column fails here rather than only against PostgreSQL.
 */
function asPgWould(row: SqlRow): SqlRow {
  return Object.fromEntries(
    Object.entries(row).map(([k, v]) => [k, typeof v === 'bigint' ? v.toString() : v]),
  );
}

/**
 * Projections on an in-memory SQLite database, for tests: the live tables with their
 * indexes, each event's statements run in a transaction, and a {@link ReadModelReader}.
 */
export class SqliteHarness {
  readonly db: Database.Database = new Database(':memory:');
  readonly reader: ReadModelReader = {
    query: async (sql, params = []) => this.all(sql, params),
  };
  private readonly names = new Map<Projection, TableNames>();

  /** `indexes: false` builds the tables as a rebuild does: primary keys only. */
  constructor(
    readonly projections: readonly Projection[],
    options: { readonly indexes?: boolean } = {},
  ) {
    for (const projection of projections) {
      const names = liveTableNames(projection);
      this.names.set(projection, names);
      for (const table of projection.tables) {
        const physical = tableOf(names, table.name);
        this.db.exec(`CREATE TABLE ${physical} (${table.columns})`);
        for (const index of options.indexes === false ? [] : (table.indexes ?? [])) {
          this.db.exec(`CREATE INDEX ${physical}_${index.name} ON ${physical} (${index.columns})`);
        }
      }
    }
  }

  /** Applies `events` in order, every projection, one transaction per event. */
  project(events: readonly RecordedEvent[]): this {
    const applyOne = this.db.transaction((event: RecordedEvent) => {
      for (const [projection, names] of this.names) {
        for (const { sql, params } of projection.apply(event, names)) {
          this.db.prepare(sql).run(...params);
        }
      }
    });
    events.forEach((event) => applyOne(event));
    return this;
  }

  /** Synchronous query, rows as pg would return them. */
  all(sql: string, params: Params = []): SqlRow[] {
    const statement = this.db.prepare(sql);
    return (statement.reader ? statement.safeIntegers(true).all(...params) : []).map((row) =>
      asPgWould(row as SqlRow),
    );
  }

  /** Every row of a logical table, ordered by `orderBy`. */
  rows(logical: string, orderBy = 'rowid'): SqlRow[] {
    const projection = [...this.names].find(([p]) => p.tables.some((t) => t.name === logical));
    if (!projection) throw new Error(`no projection owns ${logical}`);
    return this.all(`SELECT * FROM ${tableOf(projection[1], logical)} ORDER BY ${orderBy}`);
  }

  close(): void {
    this.db.close();
  }
}
