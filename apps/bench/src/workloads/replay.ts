import { DEFAULT_PROJECTIONS, openReadModels } from '@account-ops/projections';
import { perSecond, round } from '../stats';
import { ensureSeeded } from './seed';
import type { BenchContext, Measured } from './workload';

/**
 * Rebuilds every default projection from position zero over the store's events (the
 * production rebuild: shadow tables, batches, atomic swap), one after the other.
 * `eventsPerSecond` is store events ÷ the time to rebuild all of them, i.e. how long a
 * full read-side rebuild of a store takes; `projectionEventsPerSecond` counts each
 * projection's pass separately.
 */
export async function runReplay(ctx: BenchContext): Promise<Measured> {
  await ensureSeeded(ctx);
  const { bench } = ctx;
  // Async and never started: no projector competes with the rebuilds.
  const models = openReadModels(bench.store, { projections: DEFAULT_PROJECTIONS, mode: 'async' });
  try {
    await models.backend.init();
    const msByProjection: Record<string, number> = {};
    let applied = 0;
    let events = 0;
    const started = performance.now();
    for (const { name } of DEFAULT_PROJECTIONS) {
      const t0 = performance.now();
      const report = await models.rebuild(name);
      msByProjection[name] = round(performance.now() - t0, 1);
      applied += report.eventsApplied;
      events = Math.max(events, report.eventsApplied);
    }
    const elapsedMs = performance.now() - started;
    return {
      workload: 'replay',
      store: bench.kind,
      events,
      projectionCount: DEFAULT_PROJECTIONS.length,
      eventsPerSecond: perSecond(events, elapsedMs),
      projectionEventsPerSecond: perSecond(applied, elapsedMs),
      msByProjection,
    };
  } finally {
    await models.stop();
  }
}
