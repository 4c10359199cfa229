/**
 * The competitor's line of `npm run bench -- --store postgres --workload plain`: what an
 * application without this engine writes, in a Node process of its own (forked by
 * workloads/plain.ts), as it would run in life. Per command, one transaction on a pool:
 * `BEGIN; SELECT` the stream's version; `INSERT` one event (unique stream + version);
 * `COMMIT`. No hash chain, idempotency record, read model or audit tree: the least an
 * event-sourced write can do. Not meant to be run by hand.
 */
import { serveBenchJob } from './child-messages';
import { Pool } from 'pg';
import { rawCommand } from './workloads/raw-command';
import { inTransaction } from './pg-transaction';
import { runPool } from './worker-pool';
import { ProcessCostMeter } from './process-cost';
import type { FromPlainLoop, PlainLoopJob } from './workloads/plain-loop-protocol';

const send = (message: FromPlainLoop): void => {
  if (process.connected) process.send?.(message);
};

const tableSql = (s: string) => `
  CREATE SCHEMA "${s}";
  CREATE TABLE "${s}".events (seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    stream_id text NOT NULL, version integer NOT NULL, type text NOT NULL,
    data json NOT NULL, metadata json NOT NULL, UNIQUE (stream_id, version));`;

async function run(job: PlainLoopJob, started: Promise<void>): Promise<void> {
  const pool = new Pool({ connectionString: job.pgUrl, max: job.poolSize });
  pool.on('error', () => undefined);
  const events = `"${job.schema}".events`;
  const selectVersion = `SELECT coalesce(max(version), 0) AS version FROM ${events} WHERE stream_id = $1`;
  const insert = `INSERT INTO ${events} (stream_id, version, type, data, metadata) VALUES ($1, $2, $3, $4, $5)`;
  try {
    await pool.query(tableSql(job.schema));
    // Each account's opening, untimed (the engine's run opens its accounts untimed too).
    await runPool(job.concurrency, job.accounts.length, async (i) => {
      const w = rawCommand(job.accounts[i]!, -1, { version: 0, hash: '' });
      await pool.query(insert, [w.streamId, 1, w.type, w.data, w.metadata]);
    });
    send({ type: 'ready' });
    await started;
    const latencies: number[] = [];
    const cost = new ProcessCostMeter();
    const t0 = performance.now();
    await runPool(job.concurrency, job.accounts.length, async (i) => {
      const accountId = job.accounts[i]!;
      for (let op = 0; op < job.ops; op++) {
        const begun = performance.now();
        await inTransaction(pool, async (client) => {
          const streamId = `account-${accountId}`;
          const { rows } = await client.query<{ version: number }>(selectVersion, [streamId]);
          // The same event content as the engine's top-up (fields and size).
          const w = rawCommand(accountId, op, { version: rows[0]!.version, hash: '' });
          await client.query(insert, [w.streamId, w.version, w.type, w.data, w.metadata]);
        });
        latencies.push(performance.now() - begun);
      }
    });
    const elapsedMs = performance.now() - t0;
    send({ type: 'done', elapsedMs, latencies, cost: cost.stop(latencies.length) });
  } finally {
    await pool.end();
  }
}

serveBenchJob<PlainLoopJob>(run, send);
