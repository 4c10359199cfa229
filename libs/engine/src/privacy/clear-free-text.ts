import { PERSONAL_DATA_FIELDS } from '@account-ops/accounts';
import type { RecordedEvent, RecordStore, EventStore, Position } from '@account-ops/event-store';
import { ACCOUNT_STREAM_PREFIX } from '../repository/account-stream';
import { DATA_KEY_COLLECTION } from './data-key-record';
import { isEncrypted } from './field-cipher';

/** What `keys free-text` found: personal fields stored in clear, written before they were sealed. */
export interface ClearFreeTextReport {
  readonly eventsScanned: number;
  /** Events with at least one personal field in clear. */
  readonly eventsInClear: number;
  /** `EventType.field` → how many events hold it in clear. */
  readonly byField: Readonly<Record<string, number>>;
  /** Accounts with such events, and those of them already closed (their data key shredded). */
  readonly accounts: number;
  readonly closedAccounts: number;
  /** The closed accounts' ids (their words stay in the log: docs/operations.md). */
  readonly closed: readonly string[];
}

export interface ClearFreeTextOptions {
  /** Events per page (default 1000). */
  readonly batchSize?: number;
  /** Called after each page with the events scanned so far: report progress, throw to stop. */
  readonly afterBatch?: (scanned: number) => Promise<void>;
}

const fieldsOf = (type: string): readonly string[] =>
  (PERSONAL_DATA_FIELDS as Readonly<Record<string, readonly string[] | undefined>>)[type] ?? [];

function clearFields(event: RecordedEvent): string[] {
  if (!event.streamId.startsWith(ACCOUNT_STREAM_PREFIX)) return [];
  const data = (event.data ?? {}) as Readonly<Record<string, unknown>>;
  return fieldsOf(event.type).filter((field) => {
    const value = data[field];
    return typeof value === 'string' && !isEncrypted(value);
  });
}

/**
 * Reads the whole log (read-only) for personal fields stored in clear: free text written
 * before notes and reasons were sealed (and, in a store older than crypto-shredding, any
 * personal field). Events are immutable and hash-chained, so this is an inventory, not a
 * repair: see docs/operations.md, "Free text written before it was sealed".
 */
export async function scanClearFreeText(
  store: EventStore & RecordStore,
  options: ClearFreeTextOptions = {},
): Promise<ClearFreeTextReport> {
  const batchSize = options.batchSize ?? 1000;
  const byField: Record<string, number> = {};
  const accounts = new Set<string>();
  let scanned = 0;
  let inClear = 0;
  let from: Position | undefined;
  for (;;) {
    const page = await store.readAll({
      ...(from ? { fromPosition: from } : {}),
      maxCount: batchSize,
    });
    for (const event of page) {
      const fields = clearFields(event);
      if (fields.length === 0) continue;
      inClear++;
      accounts.add(event.streamId.slice(ACCOUNT_STREAM_PREFIX.length));
      for (const field of fields) {
        const name = `${event.type}.${field}`;
        byField[name] = (byField[name] ?? 0) + 1;
      }
    }
    scanned += page.length;
    await options.afterBatch?.(scanned);
    const last = page[page.length - 1];
    if (!last || page.length < batchSize) break;
    from = last.globalPosition;
  }
  const closed: string[] = [];
  for (const accountId of [...accounts].sort()) {
    if (!(await store.getRecord(DATA_KEY_COLLECTION, accountId))) closed.push(accountId);
  }
  return {
    eventsScanned: scanned,
    eventsInClear: inClear,
    byField,
    accounts: accounts.size,
    closedAccounts: closed.length,
    closed,
  };
}
