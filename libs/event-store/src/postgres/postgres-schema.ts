import type { Pool, PoolClient } from 'pg';
import { migrationLockKey } from './postgres-options';

interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: (schema: string) => string;
}

/**
 * Ordered, append-only. Inside a migration tables are created without IF NOT EXISTS on
 * purpose: the migrations table already makes re-runs no-ops, and a foreign table that
 * happens to be called `events` in the chosen schema must fail loudly, not be written to.
 *
 * - `data` and `metadata` are `json`, not `jsonb`: `json` keeps the text exactly as
 *   written, while `jsonb` refuses strings holding `\u0000` or a lone surrogate (valid in
 *   JavaScript and accepted by the port) and rewrites key order. Hashes are over canonical
 *   JSON, so either would verify; `json` simply never rejects what the port accepts.
 *   SQL can still use `->`/`->>`, or cast to jsonb for indexing.
 * - `transaction_id` is the writing transaction's id; with `seq` it is the global order
 *   (see postgres-sql.ts for why reads are gap-free).
 * - `streams` holds each stream's tip; appends lock its row (optimistic concurrency).
 */
const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'events and streams',
    sql: (s) => `
      CREATE TABLE "${s}".streams (
        stream_id  text    PRIMARY KEY,
        version    integer NOT NULL CHECK (version >= 0),
        last_hash  text    NOT NULL
      );
      CREATE TABLE "${s}".events (
        seq             bigint  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        transaction_id  xid8    NOT NULL DEFAULT pg_current_xact_id(),
        event_id        uuid    NOT NULL CONSTRAINT events_event_id_unique UNIQUE,
        stream_id       text    NOT NULL,
        version         integer NOT NULL CHECK (version >= 1),
        type            text    NOT NULL,
        schema_version  integer NOT NULL,
        data            json    NOT NULL,
        metadata        json    NOT NULL,
        CONSTRAINT events_stream_version_unique UNIQUE (stream_id, version)
      );
      CREATE INDEX events_global_order ON "${s}".events (transaction_id, seq);`,
  },
  {
    version: 2,
    name: 'records kept with appends',
    sql: (s) => `
      CREATE TABLE "${s}".records (
        collection text NOT NULL,
        key        text NOT NULL,
        sort_key   text,
        value      json NOT NULL,
        PRIMARY KEY (collection, key)
      );
      CREATE INDEX records_by_sort_key ON "${s}".records (collection, sort_key, key);`,
  },
  {
    // Listings order by byte order (COLLATE "C", as SQLite and JavaScript compare), which
    // an index in the database's default collation cannot serve: without this one every
    // page of a keyAfter walk (keys rewrap) sorted the whole collection.
    version: 3,
    name: 'records in byte order',
    sql: (s) => `
      CREATE INDEX records_in_byte_order
        ON "${s}".records (collection, (sort_key COLLATE "C"), (key COLLATE "C"));`,
  },
  {
    // A record's opaque bytes (StoredRecord.bytes): the Merkle tree's tiles, unencoded.
    version: 4,
    name: 'record bytes',
    sql: (s) => `ALTER TABLE "${s}".records ADD COLUMN bytes bytea;`,
  },
];

/** The newest schema version this code knows. */
export const SCHEMA_VERSION = MIGRATIONS.length;

/**
 * Creates the schema and applies missing migrations, all in one transaction under an
 * advisory lock keyed by the schema name, so that processes starting at once wait for each
 * other instead of racing on CREATE (which IF NOT EXISTS alone does not prevent).
 * The migrations table is `event_store_migrations`, not `schema_migrations`: the latter is
 * what Rails, golang-migrate and dbmate use, and the default schema is `public`.
 */
export async function migrate(pool: Pool, schema: string): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1::bigint)', [migrationLockKey(schema)]);
    await ensureSchema(client, schema);
    const applied = await client.query<{ version: number }>(
      `SELECT version FROM "${schema}".event_store_migrations`,
    );
    // Versions only newer code knows are left alone, so older instances keep starting
    // during a rolling deploy (migrations are additive).
    const done = new Set(applied.rows.map((row) => row.version));
    for (const migration of MIGRATIONS.filter((m) => !done.has(m.version))) {
      await client.query(migration.sql(schema));
      await client.query(
        `INSERT INTO "${schema}".event_store_migrations (version, name) VALUES ($1, $2)`,
        [migration.version, migration.name],
      );
    }
    await assertTransactionIdsAhead(client, schema);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

async function ensureSchema(client: PoolClient, schema: string): Promise<void> {
  // Looked up first because CREATE … IF NOT EXISTS still demands the CREATE privilege,
  // which a least-privilege role working in a prepared schema may lack.
  const found = await client.query<{ has_schema: boolean; has_table: boolean }>(
    `SELECT to_regnamespace($1) IS NOT NULL AS has_schema,
            to_regclass($2) IS NOT NULL AS has_table`,
    [schema, `"${schema}".event_store_migrations`],
  );
  const { has_schema, has_table } = found.rows[0] ?? { has_schema: false, has_table: false };
  if (!has_schema) await client.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
  if (has_table) return;
  await client.query(
    `CREATE TABLE IF NOT EXISTS "${schema}".event_store_migrations (
       version     integer     PRIMARY KEY,
       name        text        NOT NULL,
       applied_at  timestamptz NOT NULL DEFAULT now()
     )`,
  );
}

/**
 * Refuses a database whose transaction counter is behind the stored `transaction_id`s, as
 * after restoring a logical dump (pg_dump/pg_restore, logical replication) into a new
 * cluster: new events would sort before old ones, and readers past the old tip would never
 * see them. Physical backups, replicas and pg_upgrade keep the counter and pass.
 */
async function assertTransactionIdsAhead(client: PoolClient, schema: string): Promise<void> {
  const { rows } = await client.query<{ behind: boolean }>(
    `SELECT coalesce(max(transaction_id) >= pg_snapshot_xmax(pg_current_snapshot()), false)
       AS behind FROM "${schema}".events`,
  );
  if (rows[0]?.behind) {
    throw new Error(
      `schema ${schema}: stored transaction ids are ahead of this server's transaction ` +
        'counter (restored from a logical dump?); new events would sort before old ones',
    );
  }
}
