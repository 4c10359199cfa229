import { verifyStream, verifyStreamsInWorkers } from '@account-ops/event-store';
import { openBenchStore, type BenchStore } from '../bench-store';
import { perSecond, round } from '../stats';
import { seedChains } from './chain-seed';
import { ensureSeeded } from './seed';
import { listStreamIds, streamPages } from './stream-ids';
import type { BenchContext, Measured } from './workload';

/**
 * Walks the hash chain of every stream in the store, as `account-ops verify --all` does:
 * in worker threads, one connection each, on SQLite and PostgreSQL; in this thread on the
 * memory store. With `--verify-events N`, a fresh store seeded (untimed) with N events
 * instead of the run's. Listing the streams is not timed.
 * @throws when a chain is broken: the numbers of a corrupt store mean nothing.
 */
export async function runVerify(ctx: BenchContext): Promise<Measured> {
  const { options } = ctx;
  if (options.verifyEvents === undefined) {
    await ensureSeeded(ctx);
    return verifyStore(ctx.bench);
  }
  const bench = await openBenchStore(options.store, options.pgUrl, 'verify', options.pool);
  try {
    const seedStarted = performance.now();
    await seedChains(bench.store, options.verifyEvents);
    const seedMs = performance.now() - seedStarted;
    return { ...(await verifyStore(bench)), seedMs: round(seedMs, 0) };
  } finally {
    await bench.dispose();
  }
}

async function verifyStore(bench: BenchStore): Promise<Measured> {
  const { store, kind, source } = bench;
  const streams = await listStreamIds(store);
  let events = 0;
  const started = performance.now();
  if (source) {
    const result = await verifyStreamsInWorkers(source, streams);
    if (result.broken.length > 0) {
      throw new Error(`hash chains broken: ${JSON.stringify(result.broken.slice(0, 3))}`);
    }
    events = result.events;
  } else {
    for (const streamId of streams) {
      const result = await verifyStream(streamId, streamPages(store, streamId));
      if (!result.ok) {
        throw new Error(`hash chain of ${streamId} broken: ${JSON.stringify(result.firstBad)}`);
      }
      events += result.checked;
    }
  }
  const elapsedMs = performance.now() - started;
  return {
    workload: 'verify',
    store: kind,
    streams: streams.length,
    events,
    ...(source ? { workers: 'one per core' } : {}),
    elapsedMs: round(elapsedMs, 0),
    eventsPerSecond: perSecond(events, elapsedMs),
  };
}
