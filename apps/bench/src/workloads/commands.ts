import { DEFAULT_PROJECTIONS, openReadModels, type ReadModels } from '@account-ops/projections';
import { accountIds, benchEngine, driveTopUps, openAccounts } from '../engine-driver';
import { ProcessCostMeter } from '../process-cost';
import { RssSampler } from '../rss-sampler';
import { ServerCpuMeter } from '../server-cpu';
import { perSecond, round, summarize, toMb } from '../stats';
import { waitForProjections } from './catch-up';
import { runProcesses } from './processes';
import type { BenchContext, Measured } from './workload';

/**
 * ACCOUNTS × OPS `InitiateTopUp` through the full engine, with the read models inline,
 * async (the run ends when they have caught up) or off. Accounts are opened first,
 * untimed. RSS is sampled every 250 ms and, with the V8 heap, at every tenth of the run
 * (`rssTrendMb`, `heapUsedTrendMb`), so a long run shows whether memory stays flat.
 */
export async function runCommands(ctx: BenchContext): Promise<Measured> {
  if (ctx.options.processes !== undefined) return runProcesses(ctx);
  const { options, bench } = ctx;
  const mode = options.projections;
  const ops = benchEngine(bench.store);
  const projectorErrors: unknown[] = [];
  let models: ReadModels | undefined;
  if (mode !== 'off') {
    models = openReadModels(bench.store, {
      projections: DEFAULT_PROJECTIONS,
      mode,
      onError: (error) => projectorErrors.push(error),
      projectorThread: options.projectorThread,
    });
    await models.start();
    if (mode === 'async') ops.onCommitted(() => models?.notifyCommitted());
  }
  try {
    const accounts = accountIds('acct', options.accounts);
    await openAccounts(ops, accounts, options.concurrency);
    const total = options.accounts * options.ops;
    const latencies = new Float64Array(total);
    const trend: number[] = [];
    const heapTrend: number[] = [];
    const step = Math.max(1, Math.floor(total / 10));
    const rss = new RssSampler();
    const cost = new ProcessCostMeter();
    const server = bench.kind === 'postgres' ? new ServerCpuMeter() : undefined;
    const started = performance.now();
    await driveTopUps(ops, {
      accounts,
      opsPerAccount: options.ops,
      concurrency: options.concurrency,
      onCommand: (ms, done) => {
        latencies[done - 1] = ms;
        if (done % step === 0) {
          trend.push(rss.sample());
          heapTrend.push(liveHeapMb());
        }
      },
    });
    const ackedMs = performance.now() - started;
    const catchUpMs =
      models && mode === 'async'
        ? await waitForProjections(bench.store, models, projectorErrors)
        : undefined;
    const elapsedMs = performance.now() - started;
    const spent = cost.stop(total);
    const serverSpent = server?.stop(total);
    const memory = rss.stop();
    ctx.seeded = true;
    const { p50Ms, p95Ms, p99Ms, maxMs } = summarize(latencies);
    return {
      workload: 'commands',
      store: bench.kind,
      commands: total,
      ...(bench.kind === 'postgres' ? { poolSize: options.pool } : {}),
      // Until the read models caught up, when async: what the system sustains.
      commandsPerSecond: perSecond(total, elapsedMs),
      ...(catchUpMs !== undefined
        ? { ackedPerSecond: perSecond(total, ackedMs), catchUpMs: round(catchUpMs, 1) }
        : {}),
      p50Ms,
      p95Ms,
      p99Ms,
      maxMs,
      ...spent,
      ...serverSpent,
      ...memory,
      rssTrendMb: trend,
      heapUsedTrendMb: heapTrend,
    };
  } finally {
    await models?.stop();
  }
}

/**
 * The V8 heap in use: live objects only when node runs with --expose-gc (a full
 * collection first, ten per run), otherwise live objects plus uncollected garbage.
 * Tells JavaScript growth (e.g. the engine's state cache) from native growth.
 */
function liveHeapMb(): number {
  (globalThis as { gc?: () => void }).gc?.();
  return toMb(process.memoryUsage().heapUsed);
}
