import type { SqlStatement } from '@account-ops/event-store';
import { tableOf, type Projection, type TableNames } from '../projection';

const plain = (sql: string): SqlStatement => ({ sql, params: [] });

/** CREATE TABLE IF NOT EXISTS for each of the projection's tables under the given names. */
export function createTables(projection: Projection, names: TableNames): SqlStatement[] {
  return projection.tables.map((t) =>
    plain(`CREATE TABLE IF NOT EXISTS ${tableOf(names, t.name)} (${t.columns})`),
  );
}

/** Secondary indexes, named after the physical table so live and shadow never collide. */
export function createIndexes(projection: Projection, names: TableNames): SqlStatement[] {
  return projection.tables.flatMap((t) =>
    (t.indexes ?? []).map((index) => {
      const table = tableOf(names, t.name);
      return plain(
        `CREATE INDEX IF NOT EXISTS ${table}_${index.name} ON ${table} (${index.columns})`,
      );
    }),
  );
}

export function dropTables(projection: Projection, names: TableNames): SqlStatement[] {
  return projection.tables.map((t) => plain(`DROP TABLE IF EXISTS ${tableOf(names, t.name)}`));
}

/** Renames each `from` table to its `to` name (both in the same schema). */
export function renameTables(
  projection: Projection,
  from: TableNames,
  to: TableNames,
): SqlStatement[] {
  return projection.tables.map((t) =>
    plain(`ALTER TABLE ${tableOf(from, t.name)} RENAME TO ${tableOf(to, t.name)}`),
  );
}
