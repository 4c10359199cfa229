/**
 * One engine process of `npm run bench -- --processes N` (forked by workloads/processes.ts):
 * connects to the run's schema, warms its state cache with its accounts (untimed), waits
 * for the start signal, sends its top-ups and reports. Not meant to be run by hand.
 */
import { serveBenchJob } from './child-messages';
import { jitteredRetry, type RetryPolicy } from '@account-ops/engine';
import { PostgresEventStore } from '@account-ops/event-store';
import { benchEngine, driveTopUps } from './engine-driver';
import type { FromProcess, ProcessAssignment } from './workloads/process-protocol';

const send = (message: FromProcess): void => {
  if (process.connected) process.send?.(message);
};

async function run(job: ProcessAssignment, started: Promise<void>): Promise<void> {
  const store = await PostgresEventStore.connect({
    connectionString: job.pgUrl,
    schema: job.schema,
    poolSize: job.poolSize,
    listen: false,
  });
  try {
    let retries = 0;
    const base = jitteredRetry();
    const retry: RetryPolicy = {
      maxAttempts: base.maxAttempts,
      backoff: (attempt) => {
        retries++;
        return base.backoff(attempt);
      },
    };
    const ops = benchEngine(store, { retry });
    const accounts = interleave(job.own, job.shared);
    for (const accountId of accounts) await ops.load(accountId);
    send({ type: 'ready' });
    await started;
    const latencies: number[] = [];
    let gaveUp = 0;
    const t0 = performance.now();
    await driveTopUps(ops, {
      accounts,
      opsPerAccount: job.ops,
      concurrency: job.concurrency,
      idPrefix: `p${job.index}-`,
      onGaveUp: () => gaveUp++,
      onCommand: (ms) => latencies.push(ms),
    });
    send({
      type: 'done',
      commands: latencies.length,
      elapsedMs: performance.now() - t0,
      latencies,
      retries,
      gaveUp,
    });
  } finally {
    await store.close();
  }
}

/**
 * `shared` spread evenly through `own`: every process reaches the same shared account at
 * about the same point of its run, so their appends to it do meet.
 */
function interleave(own: readonly string[], shared: readonly string[]): string[] {
  const out: string[] = [];
  const every = own.length / Math.max(1, shared.length);
  let s = 0;
  own.forEach((id, i) => {
    while (s < shared.length && i >= s * every) out.push(shared[s++]!);
    out.push(id);
  });
  return [...out, ...shared.slice(s)];
}

serveBenchJob<ProcessAssignment>(run, send);
