import { accountIds } from '../engine-driver';
import { perSecond, round, summarize } from '../stats';
import { rawMemory } from './raw-memory';
import { rawPostgres } from './raw-postgres';
import { rawSqlite } from './raw-sqlite';
import type { BenchContext, Measured } from './workload';

/** The shape of a raw run: as many accounts, commands and workers as the engine's. */
export interface RawRun {
  readonly accounts: readonly string[];
  readonly ops: number;
  readonly concurrency: number;
}

export interface RawTiming {
  readonly latencies: Float64Array;
  readonly elapsedMs: number;
}

/**
 * The engine-free baseline: per command, read the stream tip, insert the event (JSON data
 * and metadata, SHA-256 chained), move the tip, insert an idempotency record — on the
 * same kind of store with the same durability and batching opportunity, in a store of its
 * own. When commands ran, `overheadRatio` = raw commands/s ÷ engine commands/s.
 */
export async function runRaw(ctx: BenchContext): Promise<Measured> {
  const { options } = ctx;
  const run: RawRun = {
    accounts: accountIds('raw', options.accounts),
    ops: options.ops,
    concurrency: options.concurrency,
  };
  const timing =
    options.store === 'sqlite'
      ? await rawSqlite(run)
      : options.store === 'postgres'
        ? await rawPostgres(run, options.pgUrl!, options.pool)
        : await rawMemory(run);
  const { p50Ms, p95Ms, p99Ms } = summarize(timing.latencies);
  const commandsPerSecond = perSecond(timing.latencies.length, timing.elapsedMs);
  const engine = ctx.results.find((r) => r.workload === 'commands')?.commandsPerSecond;
  return {
    workload: 'raw',
    store: options.store,
    commands: timing.latencies.length,
    commandsPerSecond,
    p50Ms,
    p95Ms,
    p99Ms,
    ...(options.store === 'postgres' ? { poolSize: options.pool } : {}),
    ...(engine ? { overheadRatio: round(commandsPerSecond / engine, 2) } : {}),
  };
}
