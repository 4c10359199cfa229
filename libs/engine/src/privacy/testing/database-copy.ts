import type { MemoryEventStore } from '@account-ops/event-store';
import type { FakeEsdbServer } from '@account-ops/event-store/testing';
import Database from 'better-sqlite3';
import { existsSync, readFileSync } from 'node:fs';
import type { Pool } from 'pg';

/*
 * What someone who copied a database has, as text to search: every row of every table
 * and, for SQLite, every byte of the files (free pages and old WAL frames included; rows
 * are read through SQL as well, since a long value spans pages and is not contiguous there).
 */

const COLLECTIONS = ['data-key', 'snapshot', 'idempotency', 'deadline', 'outbox'];

const json = (value: unknown): string =>
  JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));

export async function copyOfMemoryStore(store: MemoryEventStore): Promise<string> {
  const records = await Promise.all(COLLECTIONS.map((c) => store.listRecords(c)));
  return json({ events: await store.readAll(), records });
}

/** The log of an (in-memory fake) EventStoreDB server: what its data files would hold. */
export function copyOfEsdbLog(server: FakeEsdbServer): string {
  return json(server.log);
}

export function copyOfSqliteFile(file: string): string {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  let rows: string[];
  try {
    const tables = db
      .prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table'")
      .all();
    rows = tables.flatMap(({ name }) =>
      db
        .prepare(`SELECT * FROM "${name}"`)
        .raw()
        .all()
        .map((row) =>
          JSON.stringify(row, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}` : v)),
        ),
    );
  } finally {
    db.close();
  }
  const bytes = ['', '-wal', '-shm']
    .map((suffix) => `${file}${suffix}`)
    .filter((path) => existsSync(path))
    .map((path) => readFileSync(path).toString('latin1'));
  return [...rows, ...bytes].join('\n');
}

export async function copyOfPostgresSchema(pool: Pool, schema: string): Promise<string> {
  const { rows: tables } = await pool.query<{ table_name: string }>(
    `SELECT table_name FROM information_schema.tables
      WHERE table_schema = $1 AND table_type = 'BASE TABLE'`,
    [schema],
  );
  const rows: string[] = [];
  for (const { table_name: table } of tables) {
    const result = await pool.query<{ row: string }>(
      `SELECT row_to_json(t)::text AS row FROM "${schema}"."${table}" t`,
    );
    rows.push(...result.rows.map((r) => r.row));
  }
  return rows.join('\n');
}
