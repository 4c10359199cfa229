import { DuplicateRecord } from '../port/errors';
import type { ListRecordsOptions, RecordWrite, StoredRecord } from '../port/records';

const id = (collection: string, key: string): string => JSON.stringify([collection, key]);

/** Records in memory; `apply` checks every write before changing anything. */
export class MemoryRecords {
  private readonly rows = new Map<string, StoredRecord>();

  get(collection: string, key: string): StoredRecord | undefined {
    const row = this.rows.get(id(collection, key));
    return row && structuredClone(row);
  }

  list(collection: string, options: ListRecordsOptions = {}): StoredRecord[] {
    const atMost = options.sortKeyAtMost;
    const rows = [...this.rows.values()]
      .filter((r) => r.collection === collection)
      .filter((r) => options.keyPrefix === undefined || r.key.startsWith(options.keyPrefix))
      .filter(
        (r) => options.keyAfter === undefined || (r.sortKey === null && r.key > options.keyAfter),
      )
      .filter((r) => atMost === undefined || (r.sortKey !== null && r.sortKey <= atMost))
      .sort(compareRecords);
    return structuredClone(rows.slice(0, options.limit ?? rows.length));
  }

  /** Throws DuplicateRecord before any change when an insert meets an existing key. */
  check(writes: readonly RecordWrite[]): void {
    const inserted = new Set<string>();
    for (const write of writes) {
      const key = id(write.collection, write.key);
      if (write.op === 'insert' && (this.rows.has(key) || inserted.has(key))) {
        throw new DuplicateRecord(write.collection, write.key);
      }
      if (write.op === 'insert') inserted.add(key);
      if (write.op === 'delete') inserted.delete(key);
    }
  }

  apply(writes: readonly RecordWrite[]): void {
    for (const write of writes) {
      const key = id(write.collection, write.key);
      if (write.op === 'delete') this.rows.delete(key);
      else if (write.op === 'update' && !this.rows.has(key)) continue;
      else {
        this.rows.set(key, {
          collection: write.collection,
          key: write.key,
          sortKey: write.sortKey ?? null,
          value: structuredClone(write.value),
          ...(write.bytes ? { bytes: Buffer.from(write.bytes) } : {}),
        });
      }
    }
  }
}

/** Sort key ascending with nulls last, then key: the order every adapter lists in. */
export function compareRecords(a: StoredRecord, b: StoredRecord): number {
  if (a.sortKey !== b.sortKey) {
    if (a.sortKey === null) return 1;
    if (b.sortKey === null) return -1;
    return a.sortKey < b.sortKey ? -1 : 1;
  }
  return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}
