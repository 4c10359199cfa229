import { sealEvents } from '../append/seal-events';
import { validateAppend, validateReadAll, validateReadStream } from '../append/validate-append';
import { GENESIS_HASH } from '../hash/hash-chain';
import type { NewEvent, RecordedEvent } from '../port/envelope';
import {
  DuplicateEventId,
  EventStoreClosed,
  StreamNotFound,
  WrongExpectedVersion,
} from '../port/errors';
import type {
  AppendOptions,
  AppendResult,
  TransactionalEventStore,
  ReadAllOptions,
  ReadStreamOptions,
  SubscribeOptions,
  Subscription,
} from '../port/event-store';
import { expectedVersionHolds } from '../port/expected-version';
import { position, type Position, START } from '../port/position';
import { AppendSignal } from '../subscription/append-signal';
import { pollingSubscription } from '../subscription/polling-subscription';
import { selectStreamPage } from './select-stream-page';
import { MemoryRecords } from './memory-records';
import {
  validateListRecords,
  validateRecordKey,
  validateRecordWrites,
} from '../append/validate-records';
import type { SyncEventSource } from '../port/sync-event-source';
import type { ListRecordsOptions, RecordWrite, StoredRecord } from '../port/records';

export interface MemoryEventStoreOptions {
  readonly now?: () => Date;
}

/** The port in process memory, for tests and experiments. Positions are 1, 2, 3, … */
export class MemoryEventStore implements TransactionalEventStore, SyncEventSource {
  private readonly all: RecordedEvent[] = [];
  private readonly streams = new Map<string, RecordedEvent[]>();
  private readonly eventIds = new Set<string>();
  private readonly signal = new AppendSignal();
  private readonly records = new MemoryRecords();
  private closed = false;

  constructor(private readonly options: MemoryEventStoreOptions = {}) {}

  async appendToStream(
    streamId: string,
    events: readonly NewEvent[],
    options: AppendOptions,
  ): Promise<AppendResult> {
    this.assertOpen();
    validateAppend(streamId, events, options);
    const stream = this.streams.get(streamId) ?? [];
    const last = stream[stream.length - 1];
    const actual = last?.version ?? 0;
    if (!expectedVersionHolds(options.expectedVersion, actual)) {
      throw new WrongExpectedVersion(streamId, options.expectedVersion, actual);
    }
    const now = this.options.now?.() ?? new Date();
    const sealed = sealEvents(
      streamId,
      events,
      { version: actual, hash: last?.metadata.hash ?? GENESIS_HASH },
      now,
    );
    const duplicate = sealed.find((e) => this.eventIds.has(e.eventId));
    if (duplicate) throw new DuplicateEventId(duplicate.eventId);
    this.records.check(options.records ?? []);
    const recorded = sealed.map((e, i) => ({
      ...e,
      globalPosition: position(BigInt(this.all.length + i + 1)),
    }));
    // structuredClone keeps stored events independent of the caller's objects.
    const stored = structuredClone(recorded);
    stored.forEach((e) => this.eventIds.add(e.eventId));
    this.all.push(...stored);
    if (stored.length > 0) {
      this.records.apply(options.records ?? []);
      this.streams.set(streamId, [...stream, ...stored]);
      this.signal.notify();
    }
    return {
      nextExpectedVersion: actual + events.length,
      position: (stored[stored.length - 1] ?? last)?.globalPosition,
      events: recorded,
    };
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    this.assertOpen();
    validateReadStream(streamId, options);
    const stream = this.streams.get(streamId);
    if (!stream) throw new StreamNotFound(streamId);
    return structuredClone(selectStreamPage(stream, options));
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    return this.readAllSync(options);
  }

  readAllSync(options: ReadAllOptions = {}): RecordedEvent[] {
    this.assertOpen();
    validateReadAll(options);
    // Positions are 1-based indexes into `all`, so the checkpoint is the start index.
    const from = Number(options.fromPosition?.commit ?? 0n);
    return structuredClone(this.all.slice(from, from + (options.maxCount ?? this.all.length)));
  }

  subscribeToAll(options: SubscribeOptions = {}): Subscription {
    this.assertOpen();
    return pollingSubscription(
      (after, max) => this.readAll({ fromPosition: after, maxCount: max }),
      this.signal,
      options,
    );
  }

  async headPosition(): Promise<Position> {
    return this.headPositionSync();
  }

  headPositionSync(): Position {
    return this.all[this.all.length - 1]?.globalPosition ?? START;
  }

  countEventsAfterSync(after: Position): number {
    return Math.max(0, this.all.length - Number(after.commit));
  }

  async getRecord(collection: string, key: string): Promise<StoredRecord | undefined> {
    this.assertOpen();
    validateRecordKey(collection, key);
    return this.records.get(collection, key);
  }

  async getRecords(collection: string, keys: readonly string[]): Promise<StoredRecord[]> {
    this.assertOpen();
    for (const key of keys) validateRecordKey(collection, key);
    // Embedded: a point read costs microseconds, and all of them run in this one call.
    return keys.flatMap((key) => this.records.get(collection, key) ?? []);
  }

  async listRecords(collection: string, options: ListRecordsOptions = {}): Promise<StoredRecord[]> {
    this.assertOpen();
    validateListRecords(collection, options);
    return this.records.list(collection, options);
  }

  async writeRecords(writes: readonly RecordWrite[]): Promise<void> {
    this.assertOpen();
    validateRecordWrites(writes, undefined);
    this.records.check(writes);
    this.records.apply(writes);
  }

  async close(): Promise<void> {
    this.closed = true;
  }

  /** Test hook: lets the contract suite tamper with a stored event. */
  tamper(streamId: string, version: number, change: (event: RecordedEvent) => RecordedEvent): void {
    const stream = this.streams.get(streamId);
    const index = version - 1;
    if (!stream?.[index]) throw new StreamNotFound(streamId);
    const changed = change(stream[index]);
    stream[index] = changed;
    this.all[Number(changed.globalPosition.commit) - 1] = changed;
  }

  private assertOpen(): void {
    if (this.closed) throw new EventStoreClosed();
  }
}
