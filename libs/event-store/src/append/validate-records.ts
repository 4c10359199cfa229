import { assertJsonSafe } from '../hash/canonical-json';
import { InvalidEventStoreInput } from '../port/errors';
import type { ListRecordsOptions, RecordWrite } from '../port/records';

const MAX_NAME = 256;
const RECORD_OPS: readonly string[] = ['insert', 'upsert', 'update', 'delete'];

function checkName(value: unknown, field: string): void {
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_NAME) {
    throw new InvalidEventStoreInput(
      `${field} must be a string of 1–${MAX_NAME} characters`,
      field,
    );
  }
}

export function validateRecordKey(collection: unknown, key: unknown): void {
  checkName(collection, 'collection');
  checkName(key, 'key');
}

export function validateRecordWrites(writes: unknown, eventCount: number | undefined): void {
  if (writes === undefined) return;
  if (!Array.isArray(writes))
    throw new InvalidEventStoreInput('records must be an array', 'records');
  if (eventCount === 0 && writes.length > 0) {
    throw new InvalidEventStoreInput(
      'records need at least one event; use writeRecords',
      'records',
    );
  }
  (writes as RecordWrite[]).forEach((write, i) => {
    const at = `records[${i}]`;
    if (typeof write !== 'object' || write === null)
      throw new InvalidEventStoreInput(`${at} must be an object`, at);
    if (!RECORD_OPS.includes(write.op)) {
      throw new InvalidEventStoreInput(
        `${at}.op must be insert, upsert, update or delete`,
        `${at}.op`,
      );
    }
    validateRecordKey(write.collection, write.key);
    if (write.op === 'delete') return;
    assertJsonSafe(write.value, `${at}.value`);
    if (write.value === undefined)
      throw new InvalidEventStoreInput(`${at}.value is required`, `${at}.value`);
    if (write.sortKey !== undefined && write.sortKey !== null)
      checkName(write.sortKey, `${at}.sortKey`);
    if (write.bytes !== undefined) {
      if (!(write.bytes instanceof Uint8Array))
        throw new InvalidEventStoreInput(`${at}.bytes must be a Uint8Array`, `${at}.bytes`);
      // An append's records travel inside events in the split store, as JSON.
      if (eventCount !== undefined)
        throw new InvalidEventStoreInput(
          `${at}.bytes: only writeRecords stores bytes, not an append`,
          `${at}.bytes`,
        );
    }
    if (write.confidential !== undefined && typeof write.confidential !== 'boolean')
      throw new InvalidEventStoreInput(
        `${at}.confidential must be a boolean`,
        `${at}.confidential`,
      );
  });
}

export function validateListRecords(collection: unknown, options: ListRecordsOptions = {}): void {
  checkName(collection, 'collection');
  if (options.sortKeyAtMost !== undefined) checkName(options.sortKeyAtMost, 'sortKeyAtMost');
  if (options.keyPrefix !== undefined) checkName(options.keyPrefix, 'keyPrefix');
  if (options.keyAfter !== undefined) checkName(options.keyAfter, 'keyAfter');
  if (options.limit !== undefined && (!Number.isSafeInteger(options.limit) || options.limit < 1)) {
    throw new InvalidEventStoreInput('limit must be an integer ≥ 1', 'limit');
  }
}
