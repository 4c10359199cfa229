import { accountStreamId } from '@account-ops/engine';
import {
  StreamNotFound,
  type EventStore,
  type Position,
  type RecordedEvent,
} from '@account-ops/event-store';
import { notFound } from '../support/exit-codes';
import { betweenBatches } from '../support/interrupt';

/** Events per read: big enough to be fast, small enough to stop promptly on Ctrl-C. */
export const PAGE_SIZE = 500;

/** Which part of a stream to read, and how to report and stop. */
export interface StreamReadOptions {
  readonly fromVersion?: number;
  readonly upToVersion?: number;
  readonly signal?: AbortSignal;
  /** Called after each page with the events read so far. */
  readonly onPage?: (read: number) => void;
}

/** One stream's events in order, page by page; none when the stream does not exist. */
export async function* readStreamPages(
  store: EventStore,
  streamId: string,
  options: StreamReadOptions = {},
): AsyncGenerator<RecordedEvent> {
  const upTo = options.upToVersion ?? Number.MAX_SAFE_INTEGER;
  let read = 0;
  for (let from = options.fromVersion ?? 1; from <= upTo;) {
    await betweenBatches(options.signal);
    const maxCount = Math.min(PAGE_SIZE, upTo - from + 1);
    let page: RecordedEvent[];
    try {
      page = await store.readStream(streamId, { fromVersion: from, maxCount });
    } catch (error) {
      if (error instanceof StreamNotFound) return;
      throw error;
    }
    yield* page;
    read += page.length;
    options.onPage?.(read);
    if (page.length < maxCount) return;
    from = page[page.length - 1]!.version + 1;
  }
}

/** The last version of a stream, or undefined when it has no events. */
export async function streamHead(store: EventStore, streamId: string): Promise<number | undefined> {
  try {
    const [last] = await store.readStream(streamId, { direction: 'backwards', maxCount: 1 });
    return last?.version;
  } catch (error) {
    if (error instanceof StreamNotFound) return undefined;
    throw error;
  }
}

/** The account's last version; exit 3 when the account has no events. */
export async function requireAccount(store: EventStore, accountId: string): Promise<number> {
  const head = await streamHead(store, accountStreamId(accountId));
  if (head === undefined) throw notFound(`account ${accountId} not found`);
  return head;
}

/** Every event in global order after `from`, batch by batch, stopping on Ctrl-C. */
export async function* readAllBatches(
  store: EventStore,
  from: Position | undefined,
  batchSize: number,
  signal?: AbortSignal,
): AsyncGenerator<RecordedEvent[]> {
  let after = from;
  for (;;) {
    await betweenBatches(signal);
    const batch = await store.readAll({ fromPosition: after, maxCount: batchSize });
    if (batch.length > 0) yield batch;
    if (batch.length < batchSize) return;
    after = batch[batch.length - 1]!.globalPosition;
  }
}
