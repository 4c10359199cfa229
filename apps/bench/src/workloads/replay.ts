import {
  DEFAULT_PROJECTIONS,
  openReadModels,
  PostgresProjectionBackend,
  SqliteProjectionBackend,
  type ReadModels,
  type RebuildReport,
} from '@account-ops/projections';
import { openBenchStore, type BenchStore } from '../bench-store';
import { RssSampler } from '../rss-sampler';
import { median, perSecond, round } from '../stats';
import { seedReplay } from './replay-seed';
import { ensureSeeded } from './seed';
import type { BenchContext, Measured } from './workload';

/**
 * Rebuilds every default projection from position zero over the store's events (the
 * production rebuild: shadow tables, batches, atomic swap). On SQLite and memory stores
 * that is the backend's one-pass `rebuildAll`, as `projections rebuild` without a name and
 * start-up rebuilds run it; on PostgreSQL its `rebuildAll`, one pass as well.
 * `eventsPerSecond` is store events ÷ the time to rebuild all of them, i.e. how long a
 * full read-side rebuild of a store takes; `projectionEventsPerSecond` counts each
 * projection's events separately. With `--replay-events N`, over a fresh store seeded
 * (untimed) with N events instead of the run's; `--replay-repeat` rebuilds several times.
 */
export async function runReplay(ctx: BenchContext): Promise<Measured> {
  const { options } = ctx;
  if (options.replayEvents === undefined) {
    await ensureSeeded(ctx);
    return replayStore(ctx.bench, options.replayRepeat);
  }
  const bench = await openBenchStore(options.store, options.pgUrl, 'replay', options.pool);
  try {
    const seedStarted = performance.now();
    await seedReplay(bench, options.replayEvents);
    const seedMs = performance.now() - seedStarted;
    return { ...(await replayStore(bench, options.replayRepeat)), seedMs: round(seedMs, 0) };
  } finally {
    await bench.dispose();
  }
}

/**
 * `repeat` rebuilds of every projection over the store's events, one after the other;
 * `eventsPerSecond` is their median. The RSS is sampled at every batch (a SQLite batch is
 * synchronous and starves the sampler's timer): `rebuildPeakRssMb` is the highest seen
 * during the rebuilds, seeding excluded. `maxBatchMs` is the longest stretch between two
 * batches' progress reports: on SQLite, whose batches are synchronous, how long the
 * process's event loop (the live API and projector) can wait on the rebuild.
 */
async function replayStore(bench: BenchStore, repeat: number): Promise<Measured> {
  // Async and never started: no projector competes with the rebuilds.
  const models = openReadModels(bench.store, { projections: DEFAULT_PROJECTIONS, mode: 'async' });
  try {
    await models.backend.init();
    const passes: number[] = [];
    let events = 0;
    let applied = 0;
    let msByProjection: Record<string, number> = {};
    const rss = new RssSampler(100);
    let maxBatchMs = 0;
    for (let pass = 0; pass < repeat; pass++) {
      let last = performance.now();
      const onProgress = () => {
        rss.sample();
        const now = performance.now();
        maxBatchMs = Math.max(maxBatchMs, now - last);
        last = now;
      };
      const started = performance.now();
      const result = await rebuildEverything(models, onProgress);
      const elapsedMs = performance.now() - started;
      events = Math.max(...result.reports.map((r) => r.eventsApplied));
      applied = result.reports.reduce((sum, r) => sum + r.eventsApplied, 0);
      msByProjection = result.msByProjection;
      passes.push(elapsedMs);
    }
    const { peakRssMb } = rss.stop();
    const elapsedMs = median(passes);
    return {
      workload: 'replay',
      store: bench.kind,
      events,
      projectionCount: DEFAULT_PROJECTIONS.length,
      passes: Object.keys(msByProjection).length,
      eventsPerSecond: perSecond(events, elapsedMs),
      projectionEventsPerSecond: perSecond(applied, elapsedMs),
      msByProjection,
      ...(repeat > 1 ? { eventsPerSecondByRun: passes.map((ms) => perSecond(events, ms)) } : {}),
      rebuildPeakRssMb: peakRssMb,
      maxBatchMs: round(maxBatchMs, 1),
    };
  } finally {
    await models.stop();
  }
}

/** One pass for all where the backend can, else one per projection; times each pass. */
async function rebuildEverything(
  models: ReadModels,
  onProgress: () => void,
): Promise<{ reports: RebuildReport[]; msByProjection: Record<string, number> }> {
  const { backend } = models;
  const names = DEFAULT_PROJECTIONS.map((p) => p.name);
  if (backend instanceof SqliteProjectionBackend || backend instanceof PostgresProjectionBackend) {
    const t0 = performance.now();
    const reports = await backend.rebuildAll(names, { onProgress });
    return { reports, msByProjection: { [names.join(',')]: round(performance.now() - t0, 1) } };
  }
  const reports: RebuildReport[] = [];
  const msByProjection: Record<string, number> = {};
  for (const name of names) {
    const t0 = performance.now();
    reports.push(await models.rebuild(name, { onProgress }));
    msByProjection[name] = round(performance.now() - t0, 1);
  }
  return { reports, msByProjection };
}
