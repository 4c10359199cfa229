import { accountStreamId } from '@account-ops/engine';
import { StreamNotFound, type EventStore, type RecordedEvent } from '@account-ops/event-store';

const PAGE = 500;

/** One page of an account's stored events; `undefined` when the account has none. */
export async function readPage(
  store: EventStore,
  accountId: string,
  fromVersion: number,
  maxCount: number,
): Promise<RecordedEvent[] | undefined> {
  try {
    return await store.readStream(accountStreamId(accountId), { fromVersion, maxCount });
  } catch (error) {
    if (error instanceof StreamNotFound) return undefined;
    throw error;
  }
}

/** Every stored event of an account from version 1 (up to `upToVersion`), page by page. */
export async function* readAll(
  store: EventStore,
  accountId: string,
  upToVersion = Number.MAX_SAFE_INTEGER,
): AsyncGenerator<RecordedEvent> {
  for (let from = 1; from <= upToVersion;) {
    const page = await readPage(store, accountId, from, Math.min(PAGE, upToVersion - from + 1));
    if (!page || page.length === 0) return;
    yield* page;
    from = page[page.length - 1]!.version + 1;
    if (page.length < PAGE) return;
  }
}
