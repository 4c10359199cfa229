import { PERSONAL_DATA_FIELDS, type DomainEvent } from '@account-ops/accounts';
import type { RecordStore, RecordWrite } from '@account-ops/event-store';
import { randomBytes } from 'node:crypto';
import { decryptField, encryptField, isEncrypted } from './field-cipher';

const KEY_COLLECTION = 'data-key';

type Fields = Record<string, unknown>;

const personalFields = (event: DomainEvent): readonly string[] =>
  (PERSONAL_DATA_FIELDS as Record<string, readonly string[] | undefined>)[event.type] ?? [];

const place = (accountId: string, type: string, field: string): string =>
  `${accountId}/${type}/${field}`;

/**
 * Crypto-shredding: personal fields are stored encrypted with a per-account data key kept
 * in the key store (records collection `data-key`). Closing the account deletes the key
 * in the closing transaction; from then on those fields read as `[erased]`, while the
 * financial history, and the hash chain over the stored ciphertext, stay intact.
 */
export class PersonalDataVault {
  private readonly cache = new Map<string, Buffer | null>();

  constructor(private readonly records: RecordStore) {}

  hasPersonalData(event: DomainEvent): boolean {
    return personalFields(event).length > 0;
  }

  async keyFor(accountId: string): Promise<Buffer | undefined> {
    const cached = this.cache.get(accountId);
    if (cached !== undefined) return cached ?? undefined;
    const record = await this.records.getRecord(KEY_COLLECTION, accountId);
    const key = typeof record?.value === 'string' ? Buffer.from(record.value, 'base64') : undefined;
    // Only remember a key that exists: one created by another process must still be found.
    if (key) this.cache.set(accountId, key);
    return key;
  }

  /** A fresh data key for a new account and the record write that stores it. */
  newKey(accountId: string): { key: Buffer; write: RecordWrite } {
    const key = randomBytes(32);
    return {
      key,
      write: {
        op: 'insert',
        collection: KEY_COLLECTION,
        key: accountId,
        value: key.toString('base64'),
        // Never into an event log: deleting this row is what erases the personal data.
        confidential: true,
      },
    };
  }

  /** The write that shreds an account's personal data. */
  shred(accountId: string): RecordWrite {
    // Confidential: stores that keep copies of deleted rows (SQLite's WAL) purge them.
    return { op: 'delete', collection: KEY_COLLECTION, key: accountId, confidential: true };
  }

  forget(accountId: string): void {
    this.cache.delete(accountId);
  }

  seal(accountId: string, event: DomainEvent, key: Buffer): DomainEvent {
    return this.mapFields(event, (value, field) =>
      typeof value === 'string'
        ? encryptField(key, value, place(accountId, event.type, field))
        : value,
    );
  }

  open(accountId: string, event: DomainEvent, key: Buffer | undefined): DomainEvent {
    return this.mapFields(event, (value, field) =>
      isEncrypted(value) ? decryptField(key, value, place(accountId, event.type, field)) : value,
    );
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
