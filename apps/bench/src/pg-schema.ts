import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

/**
 * Default pool size of the PostgreSQL pools the bench opens (the event store's default,
 * `--pool` changes it): the raw baseline gets the same number of connections as the
 * engine's store, so neither can overlap more transactions than the other.
 */
export const PG_POOL_SIZE = 10;

/** A schema name no other run uses (the bench never writes to `public`). */
export function freshSchemaName(label: string): string {
  return `bench_${label.replace(/[^a-z0-9_]/g, '_')}_${randomBytes(6).toString('hex')}`;
}

/** Drops a schema the bench created, with everything in it. */
export async function dropSchema(connectionString: string, schema: string): Promise<void> {
  if (!/^bench_[a-z0-9_]+$/.test(schema)) throw new Error(`refusing to drop schema ${schema}`);
  const client = new Client({ connectionString });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  } finally {
    await client.end();
  }
}
