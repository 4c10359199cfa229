import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import type { StoreTarget } from './store-target';

/** Every table of a target's database: row counts, a digest per table, the rows as text. */
export interface DatabaseDump {
  /** table → row count and SHA-256 over its rows in a stable order. */
  readonly tables: Readonly<Record<string, { readonly rows: number; readonly digest: string }>>;
  readonly rows: number;
  /** The rows as JSON text, one per line. */
  readonly text: string;
  /** SQLite only: every byte of the file, its WAL and shared memory (deleted rows included). */
  readonly fileBytes?: string;
}

const digestOf = (rows: readonly string[]) =>
  createHash('sha256').update(rows.join('\n')).digest('hex');

/**
 * The read-access log (records whose collection starts with `access-log`) is what a
 * successful read of personal data writes by design: it is dumped as a table of its own,
 * `access log`, so that "no state change" can leave it out (see databaseState) while the
 * secrets scan still reads it.
 */
export const ACCESS_LOG_TABLE = 'access log';
const ACCESS_PREFIX = 'access-log';

function addTable(
  tables: Record<string, { rows: number; digest: string }>,
  name: string,
  rows: string[],
): void {
  if (name !== 'records') {
    tables[name] = { rows: rows.length, digest: digestOf(rows) };
    return;
  }
  const collectionOf = (row: string) => {
    const parsed = JSON.parse(row) as unknown[] | { collection?: string };
    return Array.isArray(parsed) ? String(parsed[0]) : String(parsed.collection);
  };
  const access = rows.filter((row) => collectionOf(row).startsWith(ACCESS_PREFIX));
  const others = rows.filter((row) => !collectionOf(row).startsWith(ACCESS_PREFIX));
  tables.records = { rows: others.length, digest: digestOf(others) };
  tables[ACCESS_LOG_TABLE] = { rows: access.length, digest: digestOf(access) };
}

function dumpSqlite(file: string, withFiles: boolean): DatabaseDump {
  // A second, read-only connection: it sees what the app committed (WAL included).
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const names = db
      .prepare<[], { name: string }>(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
      )
      .all()
      .map((t) => t.name);
    const tables: Record<string, { rows: number; digest: string }> = {};
    const lines: string[] = [];
    for (const name of names) {
      const rows = db
        .prepare(`SELECT * FROM "${name}"`)
        .raw()
        .all()
        .map((row) =>
          JSON.stringify(row, (_k, v: unknown) => (Buffer.isBuffer(v) ? v.toString('base64') : v)),
        )
        .sort();
      addTable(tables, name, rows);
      lines.push(...rows);
    }
    const text = lines.join('\n');
    if (!withFiles) return { tables, rows: lines.length, text };
    const fileBytes = ['', '-wal', '-shm']
      .map((suffix) => `${file}${suffix}`)
      .filter((path) => existsSync(path))
      .map((path) => readFileSync(path).toString('latin1'))
      .join('\n');
    return { tables, rows: lines.length, text, fileBytes };
  } finally {
    db.close();
  }
}

async function dumpPostgres(pg: NonNullable<StoreTarget['pg']>): Promise<DatabaseDump> {
  const { pool, schema } = pg;
  const names = await pool.query<{ table_name: string }>(
    `SELECT table_name FROM information_schema.tables
      WHERE table_schema = $1 AND table_type = 'BASE TABLE' ORDER BY table_name`,
    [schema],
  );
  const tables: Record<string, { rows: number; digest: string }> = {};
  const lines: string[] = [];
  for (const { table_name: name } of names.rows) {
    const result = await pool.query<{ row: string }>(
      `SELECT row_to_json(t)::text AS row FROM "${schema}"."${name}" t ORDER BY 1`,
    );
    const rows = result.rows.map((r) => r.row);
    addTable(tables, name, rows);
    lines.push(...rows);
  }
  return { tables, rows: lines.length, text: lines.join('\n') };
}

/** `withFiles`: also read the SQLite files' bytes (for the secrets scan). */
export function dumpDatabase(target: StoreTarget, withFiles = false): Promise<DatabaseDump> {
  if (target.sqliteFile) return Promise.resolve(dumpSqlite(target.sqliteFile, withFiles));
  return dumpPostgres(target.pg!);
}

/**
 * What "no state change" compares: every table's row count and digest, but the read-access
 * log's (a successful read records itself; `accessLogRows` counts those records).
 */
export async function databaseState(target: StoreTarget): Promise<DatabaseDump['tables']> {
  const { [ACCESS_LOG_TABLE]: _reads, ...tables } = (await dumpDatabase(target)).tables;
  return tables;
}

/** Records in the read-access log: a refused request must not add one. */
export async function accessLogRows(target: StoreTarget): Promise<number> {
  return (await dumpDatabase(target)).tables[ACCESS_LOG_TABLE]?.rows ?? 0;
}

/**
 * Whether every projection has caught up with every stored event: the audit read model
 * holds one row per event, and all checkpoints stand at one position. On PostgreSQL the
 * projectors run behind, each at its own pace, as far as the server's oldest open
 * transaction lets them.
 */
export async function readModelsCaughtUp(target: StoreTarget): Promise<boolean> {
  if (!target.pg) return true; // SQLite projects inline, in the append's transaction
  const { pool, schema } = target.pg;
  const { rows } = await pool.query<{ events: string; audit: string; positions: string }>(
    `SELECT (SELECT count(*) FROM "${schema}".events) AS events,
            (SELECT count(*) FROM "${schema}".rm_audit_events) AS audit,
            (SELECT count(DISTINCT (position_commit, position_prepare))
               FROM "${schema}".projection_checkpoints) AS positions`,
  );
  const { events, audit, positions } = rows[0]!;
  return events === audit && Number(positions) <= 1;
}
