import type {
  AllStreamResolvedEvent,
  AppendExpectedRevision,
  AppendResult,
  Direction,
  EventData,
  Filter,
  ReadPosition,
  ReadRevision,
  ResolvedEvent,
} from '@eventstore/db-client';

/** What the adapter passes to `appendToStream`. */
export interface EsdbAppendOptions {
  readonly expectedRevision: AppendExpectedRevision;
  readonly requiresLeader?: boolean;
}

/** What the adapter passes to `readStream`. */
export interface EsdbReadStreamOptions {
  readonly fromRevision: ReadRevision;
  readonly direction: Direction;
  /** Absent: the whole rest of the stream. */
  readonly maxCount?: number;
  readonly requiresLeader?: boolean;
}

/** What the adapter passes to `readAll` (client v6 has no filter for reads). */
export interface EsdbReadAllOptions {
  readonly fromPosition: ReadPosition;
  readonly direction: Direction;
  readonly maxCount: number;
  readonly requiresLeader?: boolean;
}

/** What the adapter passes to `subscribeToAll`. */
export interface EsdbSubscribeOptions {
  readonly fromPosition: ReadPosition;
  readonly filter: Filter;
}

/**
 * What the adapter uses of a catch-up subscription: its events as an async iterable, its
 * 'error' event, and the two ways to end it (cancel the gRPC call, destroy the stream).
 */
export interface EsdbSubscriptionHandle extends AsyncIterable<AllStreamResolvedEvent> {
  on(event: 'error', listener: (error: Error) => void): unknown;
  unsubscribe(): Promise<void>;
  destroy(error?: Error): unknown;
}

/**
 * The part of `EventStoreDBClient` (v6) the adapter calls. Kept narrow so the store can be
 * built on a fake in unit tests; `EventStoreDbEventStore.connect` assigns the real client
 * to it, so the compiler checks that the real client still fits.
 */
export interface EsdbClient {
  appendToStream(
    streamName: string,
    events: EventData[],
    options: EsdbAppendOptions,
  ): Promise<AppendResult>;
  /** Throws `StreamNotFoundError` while iterating (not when called) for a missing stream. */
  readStream(streamName: string, options: EsdbReadStreamOptions): AsyncIterable<ResolvedEvent>;
  readAll(options: EsdbReadAllOptions): AsyncIterable<AllStreamResolvedEvent>;
  subscribeToAll(options: EsdbSubscribeOptions): EsdbSubscriptionHandle;
  dispose(): Promise<void>;
}
