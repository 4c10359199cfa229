import { PERSONAL_DATA_FIELDS, type DomainEvent } from '@account-ops/accounts';
import type { RecordStore, RecordWrite, StoredRecord } from '@account-ops/event-store';
import type { SealedTextOpener } from '@account-ops/projections';
import { randomBytes } from 'node:crypto';
import { DATA_KEY_COLLECTION, dataKeyValue, readDataKey } from './data-key-record';
import { decryptField, encryptField, ERASED, isEncrypted } from './field-cipher';
import { dataKeyContext, KeyUnavailable, type KeyProvider } from './key-provider';

type Fields = Record<string, unknown>;

const personalFields = (event: DomainEvent): readonly string[] =>
  (PERSONAL_DATA_FIELDS as Record<string, readonly string[] | undefined>)[event.type] ?? [];

const place = (accountId: string, type: string, field: string): string =>
  `${accountId}/${type}/${field}`;

/**
 * Crypto-shredding with envelope encryption: personal fields (and snapshots) are stored
 * encrypted with a per-account data key; the data key is stored wrapped by a
 * key-encryption key from the {@link KeyProvider}, which never enters the database, so a
 * copy of the database reads no personal field. Closing the account deletes the data key
 * in the closing transaction; from then on those fields read as `[erased]` even with the
 * key-encryption key, while the financial history, and the hash chain over the stored
 * ciphertext, stay intact.
 */
export class PersonalDataVault {
  // Unwrapped once per process and account: commands never wait on the provider.
  readonly #cache = new Map<string, Buffer>();
  #warnedClear = false;

  constructor(
    private readonly records: RecordStore,
    private readonly keys: KeyProvider,
  ) {}

  hasPersonalData(event: DomainEvent): boolean {
    return personalFields(event).length > 0;
  }

  /**
   * The account's data key; undefined when it has none (shredded at closure, or never
   * opened). Throws {@link KeyUnavailable} when it exists but cannot be unwrapped.
   */
  async keyFor(accountId: string): Promise<Buffer | undefined> {
    const cached = this.#cache.get(accountId);
    if (cached !== undefined) return cached;
    const record = await this.records.getRecord(DATA_KEY_COLLECTION, accountId);
    if (!record) return undefined;
    const stored = readDataKey(record);
    let key: Buffer;
    if (stored.form === 'clear') {
      this.warnClear();
      key = stored.key;
    } else {
      key = await this.unwrap(accountId, stored.wrapped);
    }
    // Only remember a key that exists: one created by another process must still be found.
    this.#cache.set(accountId, key);
    return key;
  }

  /** A fresh data key for a new account and the record write that stores it, wrapped. */
  async newKey(accountId: string): Promise<{ key: Buffer; write: RecordWrite }> {
    const key = randomBytes(32);
    const wrapped = await this.keys.wrap(key, dataKeyContext(accountId));
    return {
      key,
      write: {
        op: 'insert',
        collection: DATA_KEY_COLLECTION,
        key: accountId,
        value: dataKeyValue(wrapped),
        // Never into an event log: deleting this row is what erases the personal data.
        confidential: true,
      },
    };
  }

  /** The write that shreds an account's personal data. */
  shred(accountId: string): RecordWrite {
    // Confidential: stores that keep copies of deleted rows (SQLite's WAL) purge them.
    return { op: 'delete', collection: DATA_KEY_COLLECTION, key: accountId, confidential: true };
  }

  forget(accountId: string): void {
    this.#cache.delete(accountId);
  }

  /**
   * Unwraps one stored key per key-encryption key id among the first `sample` data keys,
   * so a wrong or missing key-encryption key stops a process at start, not at its first
   * read of personal data. Throws {@link KeyUnavailable}.
   */
  async probe(sample = 100): Promise<void> {
    const seen = new Set<string>();
    for (const record of await this.records.listRecords(DATA_KEY_COLLECTION, { limit: sample })) {
      const stored = readDataKey(record);
      if (stored.form === 'clear' || seen.has(stored.wrapped.keyId)) continue;
      seen.add(stored.wrapped.keyId);
      await this.unwrap(record.key, stored.wrapped);
    }
  }

  /**
   * The write that re-wraps a stored data key with the current key-encryption key, or
   * undefined when it already is. An update (a key shredded meanwhile stays shredded),
   * confidential (SQLite purges the old wrapping, or the key in clear, from its WAL).
   */
  async rewrapWrite(record: StoredRecord, currentKeyId: string): Promise<RecordWrite | undefined> {
    const stored = readDataKey(record);
    if (stored.form === 'wrapped' && stored.wrapped.keyId === currentKeyId) return undefined;
    const plain =
      stored.form === 'clear' ? stored.key : await this.unwrap(record.key, stored.wrapped);
    try {
      const wrapped = await this.keys.wrap(plain, dataKeyContext(record.key));
      if (wrapped.keyId !== currentKeyId) {
        throw new KeyUnavailable(
          wrapped.keyId,
          `the key provider wrapped with "${wrapped.keyId}", not its current key "${currentKeyId}"`,
        );
      }
      return {
        op: 'update',
        collection: DATA_KEY_COLLECTION,
        key: record.key,
        value: dataKeyValue(wrapped),
        confidential: true,
      };
    } finally {
      // A rewrap run holds every key in turn: each leaves memory once re-wrapped.
      plain.fill(0);
    }
  }

  private async unwrap(accountId: string, wrapped: { keyId: string; wrapped: string }) {
    try {
      return await this.keys.unwrap(wrapped, dataKeyContext(accountId));
    } catch (error) {
      if (!(error instanceof KeyUnavailable)) throw error;
      throw new KeyUnavailable(
        error.keyId ?? wrapped.keyId,
        `the data key of account ${accountId} cannot be unwrapped: ${error.message}`,
      );
    }
  }

  private warnClear(): void {
    if (this.#warnedClear) return;
    this.#warnedClear = true;
    process.emitWarning(
      'data keys stored in clear (written before envelope encryption) are in use: ' +
        'run `account-ops keys rewrap` to wrap them (docs/operations.md, key management)',
      { code: 'ACCOUNT_OPS_CLEAR_DATA_KEYS' },
    );
  }

  /**
   * Opens values copied out of events (read-model columns) for one read: each account's
   * key is looked up once per opener (a page of rows of one closed account is one
   * lookup). A sealed value is opened with the account's data key and bound to its place
   * (event type and field), `[erased]` once the key was shredded. A value in clear
   * (written before the field was personal data) is returned while the account has its
   * key and reads `[erased]` once it has none: the read side erases at closure what the
   * log still holds from before (docs/privacy.md, migration).
   */
  textOpener(): SealedTextOpener {
    const keys = new Map<string, Promise<Buffer | undefined>>();
    const keyOf = (accountId: string) => {
      let key = keys.get(accountId);
      if (!key) keys.set(accountId, (key = this.keyFor(accountId)));
      return key;
    };
    return {
      openText: async (accountId, eventType, field, value) => {
        // Already erased (a closed account's read-model row): no key to look up.
        if (value === ERASED) return value;
        const key = await keyOf(accountId);
        if (!isEncrypted(value)) return key ? value : ERASED;
        return decryptField(key, value, place(accountId, eventType, field));
      },
    };
  }

  seal(accountId: string, event: DomainEvent, key: Buffer): DomainEvent {
    return this.mapFields(event, (value, field) =>
      typeof value === 'string'
        ? encryptField(key, value, place(accountId, event.type, field))
        : value,
    );
  }

  /**
   * The event with its personal fields in clear, or `[erased]` without a key (shredded at
   * closure) — also a field stored in clear before it was sealed (free text written by an
   * older version): a closed account's words are not shown at any version.
   */
  open(accountId: string, event: DomainEvent, key: Buffer | undefined): DomainEvent {
    return this.mapFields(event, (value, field) => {
      if (isEncrypted(value)) return decryptField(key, value, place(accountId, event.type, field));
      return key === undefined && typeof value === 'string' ? ERASED : value;
    });
  }

  private mapFields(
    event: DomainEvent,
    map: (value: unknown, field: string) => unknown,
  ): DomainEvent {
    const fields = personalFields(event);
    if (fields.length === 0) return event;
    const data: Fields = { ...(event.data as Fields) };
    for (const field of fields) data[field] = map(data[field], field);
    return { ...event, data } as DomainEvent;
  }
}
