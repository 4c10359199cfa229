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
      tables[name] = { rows: rows.length, digest: digestOf(rows) };
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
    tables[name] = { rows: rows.length, digest: digestOf(rows) };
    lines.push(...rows);
  }
  return { tables, rows: lines.length, text: lines.join('\n') };
}

/** `withFiles`: also read the SQLite files' bytes (for the secrets scan). */
export function dumpDatabase(target: StoreTarget, withFiles = false): Promise<DatabaseDump> {
  if (target.sqliteFile) return Promise.resolve(dumpSqlite(target.sqliteFile, withFiles));
  return dumpPostgres(target.pg!);
}

/** What "no state change" compares: every table's row count and digest. */
export async function databaseState(target: StoreTarget): Promise<DatabaseDump['tables']> {
  return (await dumpDatabase(target)).tables;
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
