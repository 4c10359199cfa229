import type { RecordStore, StoredRecord } from './records';

/**
 * The records of `keys` that exist: in one call where the store offers `getRecords`, else
 * by point reads issued together (a pooled store answers them in parallel).
 */
export async function readRecords(
  store: RecordStore,
  collection: string,
  keys: readonly string[],
): Promise<StoredRecord[]> {
  if (store.getRecords) return store.getRecords(collection, keys);
  const found = await Promise.all(keys.map((key) => store.getRecord(collection, key)));
  return found.filter((record): record is StoredRecord => record !== undefined);
}
