import { validateAppend } from '../append/validate-append';
import type { NewEvent, RecordedEvent } from '../port/envelope';
import { DuplicateRecord, StreamNotFound } from '../port/errors';
import type {
  AppendOptions,
  AppendResult,
  EventStore,
  ReadAllOptions,
  ReadStreamOptions,
  SubscribeOptions,
  Subscription,
  TransactionalEventStore,
} from '../port/event-store';
import type { Position } from '../port/position';
import type { ListRecordsOptions, RecordWrite, StoredRecord } from '../port/records';
import { readRecords } from '../port/read-records';
import { attachRecords, splitConfidential } from './carried-records';
import { CarriedRecordsApplier, type DroppedInsertListener } from './carried-records-applier';
import { BackgroundApplier, type BackgroundApplierOptions } from './background-applier';

export interface SplitEventStoreOptions {
  /** Where events live (EventStoreDB). */
  readonly events: EventStore;
  /** Where records live (PostgreSQL or SQLite); its own events table stays empty. */
  readonly records: TransactionalEventStore;
  /**
   * A step after the durability point failed (applying records right after an append,
   * the background applier): it is retried by the next command on the stream and by the
   * background applier, so it is reported, never thrown to the caller.
   */
  readonly onError?: (error: unknown) => void;
  readonly onDroppedInsert?: DroppedInsertListener;
  readonly applier?: Omit<BackgroundApplierOptions, 'onError'>;
}

/**
 * Events in one store, records in another (ACCOUNT_OPS_STORE=esdb://… with
 * ACCOUNT_OPS_READ_STORE=postgres://…). The two cannot share a transaction, so:
 *
 * - The append to the event store is the durability point. The append's record writes
 *   travel inside its last event (see `carried-records.ts`) and are applied to SQL right
 *   after, exactly once (`CarriedRecordsApplier`); if the process dies in between, the
 *   next command on that stream (`settleRecords`) or the background applier applies them.
 * - Confidential writes (data keys) never enter the log: they are written to SQL before
 *   the append (and left there if it fails; see `appendToStream`).
 * - An insert whose key already exists is refused before the append (DuplicateRecord,
 *   nothing written), also against concurrent appends of this process. Two processes
 *   inserting the same key at the same instant can both append; the first applied wins
 *   and the other insert is reported to `onDroppedInsert`.
 */
export class SplitEventStore implements TransactionalEventStore {
  readonly events: EventStore;
  readonly records: TransactionalEventStore;
  private readonly applier: CarriedRecordsApplier;
  private readonly background: BackgroundApplier;
  private readonly inFlightInserts = new Set<string>();
  private readonly onError: (error: unknown) => void;

  constructor(options: SplitEventStoreOptions) {
    this.events = options.events;
    this.records = options.records;
    this.onError = options.onError ?? (() => undefined);
    this.applier = new CarriedRecordsApplier(options.records, options.onDroppedInsert);
    this.background = new BackgroundApplier(options.events, options.records, this.applier, {
      ...options.applier,
      onError: this.onError,
    });
  }

  /** Starts following the event store to apply writes a crashed process left behind. */
  startApplier(): void {
    this.background.start();
  }

  /** Applies every carried write up to the event store's head now (tools, tests). */
  catchUpRecords(): Promise<number> {
    return this.background.catchUp();
  }

  async appendToStream(
    streamId: string,
    events: readonly NewEvent[],
    options: AppendOptions,
  ): Promise<AppendResult> {
    validateAppend(streamId, events, options);
    const writes = options.records ?? [];
    const { confidential, carried } = splitConfidential(writes);
    const release = this.holdInserts(writes);
    try {
      await this.refuseTakenKeys(writes);
      if (confidential.length > 0) await this.records.writeRecords(confidential);
      // Confidential rows stay when the append fails: another process may be opening the
      // same account with the same (reused) key, and after a timeout the events may be
      // stored anyway. An unused one is harmless; the engine reuses it on the next open.
      const result = await this.events.appendToStream(streamId, attachRecords(events, carried), {
        expectedVersion: options.expectedVersion,
      });
      const last = result.events[result.events.length - 1];
      if (carried.length > 0 && last) {
        await this.applier.apply(last).catch((error: unknown) => this.onError(error));
      }
      return result;
    } finally {
      release();
    }
  }

  async settleRecords(streamId: string): Promise<void> {
    const through = await this.applier.appliedThrough(streamId);
    let pending: RecordedEvent[];
    try {
      pending = await this.events.readStream(streamId, { fromVersion: through + 1 });
    } catch (error) {
      if (error instanceof StreamNotFound) return;
      throw error;
    }
    if (pending.length === 0) return;
    for (const event of pending) await this.applier.apply(event);
    await this.applier.markThrough(streamId, pending[pending.length - 1]!.version);
  }

  readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]> {
    return this.events.readStream(streamId, options);
  }

  readAll(options?: ReadAllOptions): Promise<RecordedEvent[]> {
    return this.events.readAll(options);
  }

  subscribeToAll(options?: SubscribeOptions): Subscription {
    return this.events.subscribeToAll(options);
  }

  headPosition(): Promise<Position> {
    return this.events.headPosition();
  }

  getRecord(collection: string, key: string): Promise<StoredRecord | undefined> {
    return this.records.getRecord(collection, key);
  }

  getRecords(collection: string, keys: readonly string[]): Promise<StoredRecord[]> {
    return readRecords(this.records, collection, keys);
  }

  listRecords(collection: string, options?: ListRecordsOptions): Promise<StoredRecord[]> {
    return this.records.listRecords(collection, options);
  }

  writeRecords(writes: readonly RecordWrite[]): Promise<void> {
    return this.records.writeRecords(writes);
  }

  async close(): Promise<void> {
    await this.background.stop();
    await Promise.all([this.events.close(), this.records.close()]);
  }

  /** Claims the append's insert keys in this process; throws DuplicateRecord if one is held. */
  private holdInserts(writes: readonly RecordWrite[]): () => void {
    const keys = writes.filter((w) => w.op === 'insert').map((w) => [w.collection, w.key] as const);
    const held = keys.map(([c, k]) => JSON.stringify([c, k]));
    const clash = held.findIndex((k) => this.inFlightInserts.has(k));
    if (clash >= 0) throw new DuplicateRecord(keys[clash]![0], keys[clash]![1]);
    for (const k of held) this.inFlightInserts.add(k);
    return () => held.forEach((k) => this.inFlightInserts.delete(k));
  }

  private async refuseTakenKeys(writes: readonly RecordWrite[]): Promise<void> {
    for (const write of writes) {
      if (write.op !== 'insert') continue;
      if (await this.records.getRecord(write.collection, write.key))
        throw new DuplicateRecord(write.collection, write.key);
    }
  }
}
