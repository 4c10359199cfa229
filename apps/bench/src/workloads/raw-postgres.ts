import { Pool } from 'pg';
import { dropSchema, freshSchemaName, PG_POOL_SIZE } from '../pg-schema';
import { inTransaction } from '../pg-transaction';
import { runPool } from '../worker-pool';
import { RAW_GENESIS, rawCommand, rawStreamId } from './raw-command';
import type { RawRun, RawTiming } from './raw';

// The event store's tables (json, not jsonb, and the transaction id column, as it has).
const schemaSql = (s: string) => `
  CREATE SCHEMA "${s}";
  CREATE TABLE "${s}".streams (stream_id text PRIMARY KEY, version integer NOT NULL,
    last_hash text NOT NULL);
  CREATE TABLE "${s}".events (seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    transaction_id xid8 NOT NULL DEFAULT pg_current_xact_id(), event_id uuid NOT NULL UNIQUE,
    stream_id text NOT NULL, version integer NOT NULL, type text NOT NULL,
    schema_version integer NOT NULL, data json NOT NULL, metadata json NOT NULL,
    UNIQUE (stream_id, version));
  CREATE INDEX ON "${s}".events (transaction_id, seq);
  CREATE TABLE "${s}".records (collection text NOT NULL, key text NOT NULL, sort_key text,
    value json NOT NULL, PRIMARY KEY (collection, key));
  CREATE INDEX ON "${s}".records (collection, sort_key, key);`;

/**
 * The raw baseline on PostgreSQL, in a fresh schema dropped afterwards: CONCURRENCY
 * workers, each taking the next account and running its commands one by one, every
 * command one transaction (BEGIN; SELECT … FOR UPDATE; INSERT; UPDATE; INSERT; COMMIT)
 * on a pool of the event store's size (`poolSize`, the bench's `--pool`).
 */
export async function rawPostgres(
  run: RawRun,
  pgUrl: string,
  poolSize = PG_POOL_SIZE,
): Promise<RawTiming> {
  const schema = freshSchemaName('raw');
  const pool = new Pool({ connectionString: pgUrl, max: poolSize });
  pool.on('error', () => undefined);
  try {
    await pool.query(schemaSql(schema));
    const sql = statements(schema);
    await runPool(run.concurrency, run.accounts.length, async (i) => {
      const w = rawCommand(run.accounts[i]!, -1, RAW_GENESIS);
      await pool.query(sql.createStream, [w.streamId, w.version, w.hash]);
      await pool.query(sql.insertEvent, [
        w.eventId,
        w.streamId,
        w.version,
        w.type,
        w.data,
        w.metadata,
      ]);
    });
    const latencies = new Float64Array(run.accounts.length * run.ops);
    let done = 0;
    const started = performance.now();
    await runPool(run.concurrency, run.accounts.length, async (i) => {
      const accountId = run.accounts[i]!;
      for (let op = 0; op < run.ops; op++) {
        const t0 = performance.now();
        await inTransaction(pool, async (client) => {
          const { rows } = await client.query<{ version: number; last_hash: string }>(sql.lockTip, [
            rawStreamId(accountId),
          ]);
          const tip = rows[0]!;
          const w = rawCommand(accountId, op, { version: tip.version, hash: tip.last_hash });
          await client.query(sql.insertEvent, [
            w.eventId,
            w.streamId,
            w.version,
            w.type,
            w.data,
            w.metadata,
          ]);
          await client.query(sql.updateTip, [w.streamId, w.version, w.hash]);
          await client.query(sql.insertRecord, [w.recordKey, w.recordValue]);
        });
        latencies[done++] = performance.now() - t0;
      }
    });
    return { latencies, elapsedMs: performance.now() - started };
  } finally {
    await pool.end();
    await dropSchema(pgUrl, schema);
  }
}

function statements(s: string) {
  return {
    createStream: `INSERT INTO "${s}".streams (stream_id, version, last_hash) VALUES ($1, $2, $3)`,
    lockTip: `SELECT version, last_hash FROM "${s}".streams WHERE stream_id = $1 FOR UPDATE`,
    insertEvent: `INSERT INTO "${s}".events (event_id, stream_id, version, type, schema_version,
      data, metadata) VALUES ($1, $2, $3, $4, 1, $5, $6)`,
    updateTip: `UPDATE "${s}".streams SET version = $2, last_hash = $3 WHERE stream_id = $1`,
    insertRecord: `INSERT INTO "${s}".records (collection, key, sort_key, value)
      VALUES ('idempotency', $1, NULL, $2)`,
  };
}
