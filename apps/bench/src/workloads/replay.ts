import {
  DEFAULT_PROJECTIONS,
  openReadModels,
  PostgresProjectionBackend,
  SqliteProjectionBackend,
  type ReadModels,
  type RebuildReport,
} from '@account-ops/projections';
import { perSecond, round } from '../stats';
import { ensureSeeded } from './seed';
import type { BenchContext, Measured } from './workload';

/**
 * Rebuilds every default projection from position zero over the store's events (the
 * production rebuild: shadow tables, batches, atomic swap). On SQLite and memory stores
 * that is the backend's one-pass `rebuildAll`, as `projections rebuild` without a name and
 * start-up rebuilds run it; on PostgreSQL its `rebuildAll`, one pass as well.
 * `eventsPerSecond` is store events ÷ the time to rebuild all of them, i.e. how long a
 * full read-side rebuild of a store takes; `projectionEventsPerSecond` counts each
 * projection's events separately.
 */
export async function runReplay(ctx: BenchContext): Promise<Measured> {
  await ensureSeeded(ctx);
  const { bench } = ctx;
  // Async and never started: no projector competes with the rebuilds.
  const models = openReadModels(bench.store, { projections: DEFAULT_PROJECTIONS, mode: 'async' });
  try {
    await models.backend.init();
    const started = performance.now();
    const { reports, msByProjection } = await rebuildEverything(models);
    const elapsedMs = performance.now() - started;
    const events = Math.max(...reports.map((r) => r.eventsApplied));
    const applied = reports.reduce((sum, r) => sum + r.eventsApplied, 0);
    return {
      workload: 'replay',
      store: bench.kind,
      events,
      projectionCount: DEFAULT_PROJECTIONS.length,
      passes: Object.keys(msByProjection).length,
      eventsPerSecond: perSecond(events, elapsedMs),
      projectionEventsPerSecond: perSecond(applied, elapsedMs),
      msByProjection,
    };
  } finally {
    await models.stop();
  }
}

/** One pass for all where the backend can, else one per projection; times each pass. */
async function rebuildEverything(
  models: ReadModels,
): Promise<{ reports: RebuildReport[]; msByProjection: Record<string, number> }> {
  const { backend } = models;
  const names = DEFAULT_PROJECTIONS.map((p) => p.name);
  if (backend instanceof SqliteProjectionBackend || backend instanceof PostgresProjectionBackend) {
    const t0 = performance.now();
    const reports = await backend.rebuildAll(names);
    return { reports, msByProjection: { [names.join(',')]: round(performance.now() - t0, 1) } };
  }
  const reports: RebuildReport[] = [];
  const msByProjection: Record<string, number> = {};
  for (const name of names) {
    const t0 = performance.now();
    reports.push(await models.rebuild(name));
    msByProjection[name] = round(performance.now() - t0, 1);
  }
  return { reports, msByProjection };
}
