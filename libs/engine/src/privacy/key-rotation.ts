import type { DomainEvent } from '@account-ops/accounts';
import type { JsonValue, RecordStore, RecordWrite, StoredRecord } from '@account-ops/event-store';
import { clearFactsOf, OUTBOX_COLLECTION, type OutboxEntry } from '../notifications/outbox';
import { ERASED } from './field-cipher';
import { SNAPSHOT_COLLECTION, Snapshots } from '../repository/snapshots';
import { DATA_KEY_COLLECTION, readDataKey } from './data-key-record';
import type { KeyProvider } from './key-provider';
import { PersonalDataVault } from './personal-data-vault';

/** How far a rewrap or status run has got (records looked at so far). */
export interface RotationProgress {
  readonly phase: 'keys' | 'snapshots' | 'outbox';
  readonly keys: number;
  readonly snapshots: number;
  readonly outbox: number;
}

export interface RotationOptions {
  /** Records per page and per write transaction (default 200). */
  readonly batchSize?: number;
  /**
   * Called after each batch was written: report progress, and throw to stop (Ctrl-C).
   * Every batch is one transaction, so a run stopped anywhere can simply be run again.
   */
  readonly afterBatch?: (progress: RotationProgress) => Promise<void>;
}

export interface RewrapReport {
  /** The key-encryption key every data key is wrapped with afterwards. */
  readonly currentKeyId: string;
  readonly keys: {
    readonly checked: number;
    /** Already wrapped with the current key: untouched. */
    readonly current: number;
    /** Re-wrapped, by the key they were wrapped with before (`(clear)`: not wrapped at all). */
    readonly rewrapped: Readonly<Record<string, number>>;
  };
  readonly snapshots: {
    readonly checked: number;
    /** Stored in clear before envelope encryption, now sealed with their data key. */
    readonly sealed: number;
    /** In clear, of an account without a data key: deleted (a cache with nothing to keep). */
    readonly dropped: number;
  };
  /** Notifications whose reason was stored in clear before free text was sealed. */
  readonly outbox: {
    readonly checked: number;
    /** Sealed with the account's data key. */
    readonly sealed: number;
    /** Of a closed account (no data key): replaced by `[erased]`. */
    readonly erased: number;
  };
}

/** Where a store stands: which key wraps how many data keys, what is still in clear. */
export interface KeyStatusReport {
  readonly currentKeyId: string;
  readonly keys: {
    readonly total: number;
    /** key-encryption key id → data keys it wraps. */
    readonly byKeyId: Readonly<Record<string, number>>;
    readonly inClear: number;
  };
  readonly snapshots: { readonly total: number; readonly inClear: number };
  /** Outbox rows with a reason in clear (written before free text was sealed). */
  readonly outbox: { readonly total: number; readonly inClear: number };
  /** Anything not under the current key or still in clear: `keys rewrap` has work to do. */
  readonly rewrapDue: boolean;
}

const CLEAR = '(clear)';

/** The key-encryption key id a stored data key is wrapped with, or `(clear)`. */
function wrappedWith(record: StoredRecord): string {
  const stored = readDataKey(record);
  return stored.form === 'clear' ? CLEAR : stored.wrapped.keyId;
}

const tally = (counts: Record<string, number>, key: string): void => {
  counts[key] = (counts[key] ?? 0) + 1;
};

/** What to do with each page of data keys and of snapshots: the writes it calls for. */
interface PageHandlers {
  keys(page: readonly StoredRecord[]): Promise<RecordWrite[]>;
  snapshots(page: readonly StoredRecord[]): Promise<RecordWrite[]>;
  outbox(page: readonly StoredRecord[]): Promise<RecordWrite[]>;
}

/** Pages through data keys, then snapshots; each page's writes are one transaction. */
async function walk(
  records: RecordStore,
  options: RotationOptions,
  handlers: PageHandlers,
): Promise<RotationProgress> {
  const progress = {
    phase: 'keys' as RotationProgress['phase'],
    keys: 0,
    snapshots: 0,
    outbox: 0,
  };
  for (const [phase, collection] of [
    ['keys', DATA_KEY_COLLECTION],
    ['snapshots', SNAPSHOT_COLLECTION],
    ['outbox', OUTBOX_COLLECTION],
  ] as const) {
    progress.phase = phase;
    for await (const page of pages(records, collection, options.batchSize)) {
      const writes = await handlers[phase](page);
      if (writes.length > 0) await records.writeRecords(writes);
      progress[phase] += page.length;
      await options.afterBatch?.({ ...progress });
    }
  }
  return progress;
}

/**
 * `account-ops keys rewrap`: wraps every stored data key with the current key-encryption
 * key (keys in clear from before envelope encryption included), seals snapshots still
 * stored in clear, and seals the rejection reasons of outbox rows written before free text
 * was sealed (`[erased]` for a closed account). Per-batch writes of `update`s: idempotent, safe to stop and rerun, and
 * never re-creating a key or snapshot that an account's closure deleted meanwhile.
 */
export async function rewrapDataKeys(
  records: RecordStore,
  keys: KeyProvider,
  options: RotationOptions = {},
): Promise<RewrapReport> {
  const currentKeyId = await keys.currentKeyId();
  const vault = new PersonalDataVault(records, keys);
  const snapshots = new Snapshots(records, 0, vault);
  const rewrapped: Record<string, number> = {};
  let current = 0;
  let sealed = 0;
  let dropped = 0;
  const outbox = { sealed: 0, erased: 0 };
  const done = await walk(records, options, {
    keys: async (page) => {
      const writes: RecordWrite[] = [];
      for (const record of page) {
        const write = await vault.rewrapWrite(record, currentKeyId);
        if (!write) current++;
        else {
          writes.push(write);
          tally(rewrapped, wrappedWith(record));
        }
      }
      return writes;
    },
    snapshots: async (page) => {
      const writes: RecordWrite[] = [];
      for (const record of page.filter(Snapshots.isClear)) {
        const write = await snapshots.sealClear(record);
        vault.forget(record.key);
        writes.push(write);
        if (write.op === 'delete') dropped++;
        else sealed++;
      }
      return writes;
    },
    outbox: async (page) => {
      const writes: RecordWrite[] = [];
      for (const record of page) {
        const clear = clearFactsOf(record);
        if (!clear) continue;
        const entry = record.value as unknown as OutboxEntry;
        const { accountId } = entry.notification;
        const key = await vault.keyFor(accountId);
        const facts = { ...entry.notification.facts };
        const picked = Object.fromEntries(clear.fields.map((f) => [f, facts[f]]));
        const sealedFacts = key
          ? (vault.seal(accountId, { type: clear.eventType, data: picked } as DomainEvent, key)
              .data as unknown as Record<string, string>)
          : Object.fromEntries(clear.fields.map((f) => [f, ERASED]));
        vault.forget(accountId);
        writes.push({
          op: 'update',
          collection: OUTBOX_COLLECTION,
          key: record.key,
          sortKey: record.sortKey,
          value: {
            ...entry,
            notification: { ...entry.notification, facts: { ...facts, ...sealedFacts } },
          } as unknown as JsonValue,
          // SQLite purges the old row version (the words in clear) from its WAL.
          confidential: true,
        });
        if (key) outbox.sealed++;
        else outbox.erased++;
      }
      return writes;
    },
  });
  return {
    currentKeyId,
    keys: { checked: done.keys, current, rewrapped },
    snapshots: { checked: done.snapshots, sealed, dropped },
    outbox: { checked: done.outbox, ...outbox },
  };
}

/** `account-ops keys status`: counts only; unwraps nothing and writes nothing. */
export async function keyStatus(
  records: RecordStore,
  keys: KeyProvider,
  options: RotationOptions = {},
): Promise<KeyStatusReport> {
  const currentKeyId = await keys.currentKeyId();
  const byKeyId: Record<string, number> = {};
  let snapshotsInClear = 0;
  let outboxInClear = 0;
  const done = await walk(records, options, {
    keys: async (page) => {
      page.forEach((record) => tally(byKeyId, wrappedWith(record)));
      return [];
    },
    snapshots: async (page) => {
      snapshotsInClear += page.filter(Snapshots.isClear).length;
      return [];
    },
    outbox: async (page) => {
      outboxInClear += page.filter((record) => clearFactsOf(record) !== undefined).length;
      return [];
    },
  });
  const { [CLEAR]: inClear = 0, ...wrapped } = byKeyId;
  return {
    currentKeyId,
    keys: { total: done.keys, byKeyId: wrapped, inClear },
    snapshots: { total: done.snapshots, inClear: snapshotsInClear },
    outbox: { total: done.outbox, inClear: outboxInClear },
    rewrapDue:
      inClear > 0 ||
      snapshotsInClear > 0 ||
      outboxInClear > 0 ||
      Object.keys(wrapped).some((id) => id !== currentKeyId),
  };
}

/** A collection page by page, in key order (these collections have no sort keys). */
async function* pages(
  records: RecordStore,
  collection: string,
  batchSize = 200,
): AsyncGenerator<StoredRecord[]> {
  let after: string | undefined;
  for (;;) {
    const page = await records.listRecords(collection, {
      limit: batchSize,
      ...(after !== undefined ? { keyAfter: after } : {}),
    });
    if (page.length > 0) yield page;
    if (page.length < batchSize) return;
    after = page[page.length - 1]!.key;
  }
}
