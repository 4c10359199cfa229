import { verifyStream } from '../hash/verify-stream';
import type { RecordedEvent } from '../port/envelope';
import type { EventStore } from '../port/event-store';
import { StreamNotFound } from '../port/errors';
import type { ChunkResult } from './verify-source';

const PAGE = 1000;

/** One stream from version 1 in pages, so a long stream is never held whole. */
async function* pages(store: EventStore, streamId: string): AsyncGenerator<RecordedEvent[]> {
  for (let from = 1; ; from += PAGE) {
    let page: RecordedEvent[];
    try {
      page = await store.readStream(streamId, { fromVersion: from, maxCount: PAGE });
    } catch (error) {
      if (error instanceof StreamNotFound) return;
      throw error;
    }
    yield page;
    if (page.length < PAGE) return;
  }
}

/** Walks the hash chain of each stream in turn, carrying on past a broken one. */
export async function verifyChunk(
  store: EventStore,
  streamIds: readonly string[],
): Promise<ChunkResult> {
  let events = 0;
  const broken: ChunkResult['broken'] = [];
  for (const streamId of streamIds) {
    const result = await verifyStream(streamId, pages(store, streamId));
    events += result.checked;
    if (result.firstBad) broken.push({ streamId, firstBad: result.firstBad });
  }
  return { events, broken };
}
