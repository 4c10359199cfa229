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
  /**
   * Opaque bytes kept beside the value (a BLOB / bytea column), for data that JSON would
   * inflate (the Merkle tree's hashes: base64 costs a third more). Absent when none were
   * written. Only {@link RecordStore.writeRecords} writes them, never an append's records
   * (the split store carries those inside events, as JSON).
   */
  readonly bytes?: Uint8Array;
}

export type RecordWrite =
  /** Refused with DuplicateRecord when the key exists: the whole write or append fails. */
  | {
      readonly op: 'insert';
      readonly collection: string;
      readonly key: string;
      readonly value: JsonValue;
      readonly sortKey?: string | null;
      /** The value must never reach an immutable log (a data key): see {@link RecordWrite}. */
      readonly confidential?: boolean;
      /** Replaces the record's bytes ({@link StoredRecord.bytes}); without them it has none. */
      readonly bytes?: Uint8Array;
    }
  | {
      readonly op: 'upsert';
      readonly collection: string;
      readonly key: string;
      readonly value: JsonValue;
      readonly sortKey?: string | null;
      readonly confidential?: boolean;
      /** Replaces the record's bytes ({@link StoredRecord.bytes}); without them it has none. */
      readonly bytes?: Uint8Array;
    }
  /**
   * Changes a record that exists and does nothing when it does not: never re-creates a
   * record deleted meanwhile (a re-wrapped data key must not outlive the account's closure).
   */
  | {
      readonly op: 'update';
      readonly collection: string;
      readonly key: string;
      readonly value: JsonValue;
      readonly sortKey?: string | null;
      /**
       * The old value is secret (a data key in clear, a snapshot with personal data):
       * stores that keep old copies of changed rows (SQLite's WAL) purge them.
       */
      readonly confidential?: boolean;
      /** Replaces the record's bytes ({@link StoredRecord.bytes}); without them it has none. */
      readonly bytes?: Uint8Array;
    }
  | {
      readonly op: 'delete';
      readonly collection: string;
      readonly key: string;
      /**
       * Erases a confidential record (crypto-shredding a data key): stores that keep old
       * copies of deleted rows (SQLite's write-ahead log) purge them when it commits.
       */
      readonly confidential?: boolean;
    };

export interface ListRecordsOptions {
  /** Only records whose key starts with this text. */
  readonly keyPrefix?: string;
  /** Only records whose sort key is set and ≤ this value. */
  readonly sortKeyAtMost?: string;
  readonly limit?: number;
  /**
   * A cursor through the records **without a sort key** (collections ordered by key, such
   * as data keys and snapshots): only those, and only the ones whose key sorts after this
   * one (byte order). The last key of a page is the next page's cursor; each page is a
   * range read of the index, however far into the collection it is.
   */
  readonly keyAfter?: string;
}

/*
 * Where events and records share one database (memory, SQLite, PostgreSQL) a write with
 * an append is simply part of its transaction and `confidential` changes nothing. The
 * split store (events in EventStoreDB, records in SQL) carries the other writes inside
 * the appended events and applies them to SQL afterwards; a confidential write is made
 * in SQL before the append instead, so that shredding it later really erases it.
 */

export interface RecordStore {
  getRecord(collection: string, key: string): Promise<StoredRecord | undefined>;
  /**
   * The records of `keys` that exist, in no particular order: one round trip where the
   * store is a server (what a search checking a hundred candidates needs). Optional, so a
   * store written before it still fits the port; callers fall back to `getRecord`.
   */
  getRecords?(collection: string, keys: readonly string[]): Promise<StoredRecord[]>;
  /** Ordered by sort key (nulls last), then key. */
  listRecords(collection: string, options?: ListRecordsOptions): Promise<StoredRecord[]>;
  /** Applies all writes atomically, without events. */
  writeRecords(writes: readonly RecordWrite[]): Promise<void>;
  /**
   * Makes every record written with this stream's appends visible before the caller
   * looks records up for it. Only stores that apply records after the events (the split
   * store) need it; in one-database stores they already are.
   */
  settleRecords?(streamId: string): Promise<void>;
}
