import { liveTableNames, tableOf, type Projection } from '../projection';
import type { ReadModelReader } from '../read-model-reader';

/**
 * Every row of a projection's live tables, in a stable order and with numbers as
 * strings (PostgreSQL and SQLite type BIGINT differently): two dumps are equal exactly
 * when the read models hold the same data.
 */
export async function dumpTables(
  reader: ReadModelReader,
  projection: Projection,
): Promise<Record<string, string[]>> {
  const names = liveTableNames(projection);
  const dump: Record<string, string[]> = {};
  for (const table of projection.tables) {
    const rows = await reader.query(`SELECT * FROM ${tableOf(names, table.name)}`);
    dump[table.name] = rows
      .map((row) =>
        JSON.stringify(
          Object.keys(row)
            .sort()
            .map((k) => [k, row[k] === null ? null : String(row[k])]),
        ),
      )
      .sort();
  }
  return dump;
}
