import { verifyStream } from '@account-ops/event-store';
import { perSecond } from '../stats';
import { ensureSeeded } from './seed';
import { listStreamIds, streamPages } from './stream-ids';
import type { BenchContext, Measured } from './workload';

/**
 * Walks the hash chain of every stream in the store (`verifyStream`, reading each stream
 * from version 1 in pages), as an auditor would. Listing the streams is not timed.
 * @throws when a chain is broken: the numbers of a corrupt store mean nothing.
 */
export async function runVerify(ctx: BenchContext): Promise<Measured> {
  await ensureSeeded(ctx);
  const { store, kind } = ctx.bench;
  const streams = await listStreamIds(store);
  let events = 0;
  const started = performance.now();
  for (const streamId of streams) {
    const result = await verifyStream(streamId, streamPages(store, streamId));
    if (!result.ok) {
      throw new Error(`hash chain of ${streamId} broken: ${JSON.stringify(result.firstBad)}`);
    }
    events += result.checked;
  }
  const elapsedMs = performance.now() - started;
  return {
    workload: 'verify',
    store: kind,
    streams: streams.length,
    events,
    eventsPerSecond: perSecond(events, elapsedMs),
  };
}
