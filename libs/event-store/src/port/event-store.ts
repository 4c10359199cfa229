import type { NewEvent, RecordedEvent } from './envelope';
import type { ExpectedVersion } from './expected-version';
import type { Position } from './position';
import type { RecordStore, RecordWrite } from './records';

export interface AppendOptions {
  readonly expectedVersion: ExpectedVersion;
  /**
   * Records written in the same transaction, only if the append succeeds. Needs at least
   * one event (use `writeRecords` otherwise).
   */
  readonly records?: readonly RecordWrite[];
}

export interface AppendResult {
  /** The stream's version after the append: pass it as the next expectedVersion. */
  readonly nextExpectedVersion: number;
  /** Position of the last appended event (of the stream's last event when none were given). */
  readonly position: Position | undefined;
  readonly events: readonly RecordedEvent[];
}

export interface ReadStreamOptions {
  /** Inclusive; defaults to 1 forwards and to the last version backwards. */
  readonly fromVersion?: number;
  readonly maxCount?: number;
  readonly direction?: 'forwards' | 'backwards';
}

export interface ReadAllOptions {
  /** A checkpoint: only events strictly after it are returned. Defaults to START. */
  readonly fromPosition?: Position;
  readonly maxCount?: number;
}

export interface SubscribeOptions {
  /** A checkpoint: delivery starts with the first event strictly after it. */
  readonly fromPosition?: Position;
  /** How many events one catch-up read fetches. */
  readonly batchSize?: number;
}

/**
 * A catch-up subscription: every event after the starting checkpoint, in global order,
 * then new ones as they commit. Iterate it with `for await`; `stop()` ends the iteration.
 */
export interface Subscription extends AsyncIterable<RecordedEvent> {
  stop(): Promise<void>;
}

/**
 * The event store port. Every adapter (memory, SQLite, PostgreSQL, EventStoreDB) passes
 * the same contract suite in `contract/`.
 */
export interface EventStore {
  /**
   * Appends atomically: all events or none. Computes the hash chain.
   * @throws WrongExpectedVersion, InvalidEventStoreInput, DuplicateEventId
   */
  appendToStream(
    streamId: string,
    events: readonly NewEvent[],
    options: AppendOptions,
  ): Promise<AppendResult>;

  /** @throws StreamNotFound when the stream has no events. */
  readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;

  /** Events of every stream in global order, never skipping one that commits late. */
  readAll(options?: ReadAllOptions): Promise<RecordedEvent[]>;

  subscribeToAll(options?: SubscribeOptions): Subscription;

  /** The position of the last event readers may see (START when empty). */
  headPosition(): Promise<Position>;

  close(): Promise<void>;
}

/** An event store that also keeps records atomically with appends (memory, SQLite, PostgreSQL). */
export interface TransactionalEventStore extends EventStore, RecordStore {}
