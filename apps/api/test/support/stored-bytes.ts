import { existsSync, readFileSync } from 'node:fs';
import type { TestApi } from './test-api';

/** Every byte of the SQLite database (the file, its write-ahead log and shared memory), as latin1. */
export function sqliteBytes(file: string): string {
  return ['', '-wal', '-shm']
    .map((suffix) => `${file}${suffix}`)
    .filter((path) => existsSync(path))
    .map((path) => readFileSync(path).toString('latin1'))
    .join('\n');
}

/** Every row of every table in the test's PostgreSQL schema, as text. */
export async function postgresRows(t: TestApi): Promise<string> {
  const { pool, schema } = t.pg!;
  const tables = await pool.query<{ table_name: string }>(
    'SELECT table_name FROM information_schema.tables WHERE table_schema = $1',
    [schema],
  );
  const dumps = await Promise.all(
    tables.rows.map(({ table_name }) =>
      pool.query(`SELECT row_to_json(t)::text AS row FROM "${schema}"."${table_name}" t`),
    ),
  );
  return dumps.flatMap((d) => d.rows.map((r: { row: string }) => r.row)).join('\n');
}

/**
 * Whether `text` is anywhere in what the test's store holds: the SQLite bytes (as UTF-8
 * and as it is in JSON with `\u` escapes) or the PostgreSQL rows.
 */
export async function storeHolds(t: TestApi, texts: readonly string[]): Promise<string[]> {
  const stored = t.sqliteFile ? sqliteBytes(t.sqliteFile) : await postgresRows(t);
  return texts.filter((text) => {
    const forms = [text, JSON.stringify(text).slice(1, -1)];
    return forms.some(
      (form) =>
        stored.includes(form) || stored.includes(Buffer.from(form, 'utf8').toString('latin1')),
    );
  });
}
