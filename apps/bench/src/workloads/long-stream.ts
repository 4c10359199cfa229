import { DEFAULT_ACCOUNT_CONFIG } from '@account-ops/accounts';
import { defaultKeyProvider, PersonalDataVault, Snapshots } from '@account-ops/engine';
import { openBenchStore } from '../bench-store';
import { accountIds, benchEngine, openAccounts } from '../engine-driver';
import type { BenchOptions } from '../options';
import { median, perSecond, round } from '../stats';
import { fillStream } from './long-stream-events';
import type { BenchContext, LoadTimes, Measured } from './workload';

const SNAPSHOT_EVERY = DEFAULT_ACCOUNT_CONFIG.snapshotEvery;
/** accountConfig accepts any positive safe integer; this one is never crossed. */
const NEVER = Number.MAX_SAFE_INTEGER;

/**
 * For each length N of `--long`: one account with N events in a fresh store of the run's
 * kind; the median time of `load(accountId)` on a fresh engine instance each time (so no
 * in-process state cache helps), first with no snapshot stored, then with the snapshot
 * the engine would keep at the last multiple of snapshotEvery below N (a tail of up to
 * snapshotEvery events: the worst case).
 */
export async function runLongStream(ctx: BenchContext): Promise<Measured> {
  const { options } = ctx;
  const loadMs: Record<string, LoadTimes> = {};
  const fillEventsPerSecond: Record<string, number> = {};
  for (const events of options.long) {
    const measured = await measureLength(options, events);
    loadMs[events] = measured.loadMs;
    fillEventsPerSecond[events] = measured.fillEventsPerSecond;
  }
  return {
    workload: 'long-stream',
    store: options.store,
    longKind: options.longKind,
    streamLengths: options.long,
    snapshotEvery: SNAPSHOT_EVERY,
    loadMs,
    fillEventsPerSecond,
  };
}

async function measureLength(options: BenchOptions, events: number) {
  const bench = await openBenchStore(options.store, options.pgUrl, 'long');
  try {
    const ops = benchEngine(bench.store);
    const [accountId] = accountIds('long', 1) as [string];
    await openAccounts(ops, [accountId], 1);
    const started = performance.now();
    await fillStream(bench.store, accountId, options.longKind, events - 1, new Date());
    const fillMs = performance.now() - started;
    const load = async (snapshotEvery: number): Promise<number> => {
      const fresh = benchEngine(bench.store, { config: { snapshotEvery } });
      const t0 = performance.now();
      const { version } = await fresh.load(accountId);
      const ms = performance.now() - t0;
      if (version !== events) throw new Error(`loaded version ${version}, expected ${events}`);
      return ms;
    };
    // Reading a stored snapshot does not depend on snapshotEvery: measure before writing one.
    const noSnapshots = await medianOf(() => load(NEVER));
    const at = Math.floor((events - 1) / SNAPSHOT_EVERY) * SNAPSHOT_EVERY;
    if (at > 0) {
      const { state } = await ops.load(accountId, at);
      // The engine's own key provider for this store, so the engines below can open it.
      const vault = new PersonalDataVault(bench.store, defaultKeyProvider(bench.store));
      await new Snapshots(bench.store, SNAPSHOT_EVERY, vault).save(accountId, at, state);
    }
    const snapshots = await medianOf(() => load(SNAPSHOT_EVERY));
    return {
      loadMs: { snapshots: round(snapshots, 2), noSnapshots: round(noSnapshots, 2) },
      fillEventsPerSecond: perSecond(events - 1, fillMs),
    };
  } finally {
    await bench.dispose();
  }
}

/** Median of 3 to 7 runs: more while they are quick, 3 once 10 s have gone. */
async function medianOf(run: () => Promise<number>): Promise<number> {
  const times: number[] = [];
  const started = performance.now();
  while (times.length < 3 || (times.length < 7 && performance.now() - started < 10_000)) {
    times.push(await run());
  }
  return median(times);
}
