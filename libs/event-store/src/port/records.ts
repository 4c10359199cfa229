import type { JsonValue } from './envelope';

/**
 * A keyed row kept beside the events and written in the same transaction as an append:
 * what the engine must record atomically with a decision (idempotency results, durable
 * deadlines, snapshots, per-account data keys) without the store knowing what it means.
 */
export interface StoredRecord {
  readonly collection: string;
  readonly key: string;
  /** Orders and filters a collection (e.g. an ISO due time); null when unused. */
  readonly sortKey: string | null;
  readonly value: JsonValue;
}

export type RecordWrite =
  /** Refused with DuplicateRecord when the key exists: the whole write or append fails. */
  | {
      readonly op: 'insert';
      readonly collection: string;
      readonly key: string;
      readonly value: JsonValue;
      readonly sortKey?: string | null;
    }
  | {
      readonly op: 'upsert';
      readonly collection: string;
      readonly key: string;
      readonly value: JsonValue;
      readonly sortKey?: string | null;
    }
  | { readonly op: 'delete'; readonly collection: string; readonly key: string };

export interface ListRecordsOptions {
  /** Only records whose key starts with this text. */
  readonly keyPrefix?: string;
  /** Only records whose sort key is set and ≤ this value. */
  readonly sortKeyAtMost?: string;
  readonly limit?: number;
}

export interface RecordStore {
  getRecord(collection: string, key: string): Promise<StoredRecord | undefined>;
  /** Ordered by sort key (nulls last), then key. */
  listRecords(collection: string, options?: ListRecordsOptions): Promise<StoredRecord[]>;
  /** Applies all writes atomically, without events. */
  writeRecords(writes: readonly RecordWrite[]): Promise<void>;
}
