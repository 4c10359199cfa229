// The seam between the adapter and the npm client it runs on. EventStoreDB was renamed
// KurrentDB, and so was its Node client: `@eventstore/db-client` (v6, esdb:// URLs) and
// `@kurrent/kurrentdb-client` (kurrentdb:// URLs) speak the same gRPC API with different
// option names and error classes. The adapter only sees what is declared here; the two
// wrappers in `clients/` translate each client's spelling to it, so the adapter, its
// fake and its tests never import either package.

/** Read from the first event (stream or `$all`). Both clients spell it the same. */
export const START = 'start';
/** Read from the last event, backwards. */
export const END = 'end';
export const FORWARDS = 'forwards';
export const BACKWARDS = 'backwards';
/** Expected revisions other than an exact one. */
export const ANY = 'any';
export const NO_STREAM = 'no_stream';
export const STREAM_EXISTS = 'stream_exists';

/** A position in the server's log: {commit, prepare}, ordered commit first. */
export interface EsdbPosition {
  readonly commit: bigint;
  readonly prepare: bigint;
}

export type EsdbDirection = typeof FORWARDS | typeof BACKWARDS;
export type EsdbReadPosition = typeof START | typeof END | EsdbPosition;
export type EsdbReadRevision = typeof START | typeof END | bigint;
/** What an append expects of the stream: a revision (from 0) or a state. */
export type EsdbExpectedRevision = typeof ANY | typeof NO_STREAM | typeof STREAM_EXISTS | bigint;
/** What the server reports a stream to be at with a conflict. */
export type EsdbCurrentRevision = typeof NO_STREAM | bigint;

/** Stream names a subscription delivers: these prefixes, or names matching the regex. */
export type EsdbStreamFilter =
  { readonly prefixes: readonly string[] } | { readonly regex: string };

/** A JSON event to write; the wrappers make their client's event data of it. */
export interface EsdbEventData {
  readonly id: string;
  readonly type: string;
  /** Any JSON value (the clients' own type leaves out null, numbers and booleans). */
  readonly data: unknown;
  readonly metadata: Readonly<Record<string, unknown>>;
}

/** A stored event as both clients return it (fields the adapter reads). */
export interface EsdbRecordedEvent {
  readonly streamId: string;
  readonly id: string;
  readonly revision: bigint;
  readonly type: string;
  readonly isJson: boolean;
  /** Parsed JSON for JSON events, bytes otherwise. */
  readonly data: unknown;
  /** Parsed JSON when it is JSON, bytes otherwise, or absent. */
  readonly metadata: unknown;
  /** Absent on servers before 22.6. */
  readonly position?: EsdbPosition;
}

/** An event read from `$all`: it always has its position. */
export interface EsdbAllRecordedEvent extends EsdbRecordedEvent {
  readonly position: EsdbPosition;
}

/** What a read yields: the event (absent for an unresolved link). */
export interface EsdbResolvedEvent<E extends EsdbRecordedEvent = EsdbRecordedEvent> {
  readonly event?: E;
}

export type EsdbAllResolvedEvent = EsdbResolvedEvent<EsdbAllRecordedEvent>;

/** What the adapter passes to `appendToStream`. */
export interface EsdbAppendOptions {
  readonly expectedRevision: EsdbExpectedRevision;
  readonly requiresLeader?: boolean;
}

/** What the adapter passes to `readStream`. */
export interface EsdbReadStreamOptions {
  readonly fromRevision: EsdbReadRevision;
  readonly direction: EsdbDirection;
  /** Absent: the whole rest of the stream. */
  readonly maxCount?: number;
  readonly requiresLeader?: boolean;
}

/** What the adapter passes to `readAll` (no filter: client v6 cannot send one). */
export interface EsdbReadAllOptions {
  readonly fromPosition: EsdbReadPosition;
  readonly direction: EsdbDirection;
  readonly maxCount: number;
  readonly requiresLeader?: boolean;
}

/** What the adapter passes to `subscribeToAll`. */
export interface EsdbSubscribeOptions {
  readonly fromPosition: EsdbReadPosition;
  readonly filter: EsdbStreamFilter;
}

/**
 * What the adapter uses of a catch-up subscription: its events as an async iterable, its
 * 'error' event, and the two ways to end it (cancel the gRPC call, destroy the stream).
 * Both clients' subscriptions are Node streams that fit it as they are.
 */
export interface EsdbSubscriptionHandle extends AsyncIterable<EsdbAllResolvedEvent> {
  on(event: 'error', listener: (error: Error) => void): unknown;
  unsubscribe(): Promise<void>;
  destroy(error?: Error): unknown;
}

/**
 * The client as the adapter uses it. Built from a connection string by
 * `connectEsdbClient` (the URL's scheme picks the npm client), or over a fake in tests.
 *
 * Errors: a conflicting append rejects with {@link EsdbRevisionConflict}, an over-size
 * one with {@link EsdbAppendTooLarge}; reading a missing stream throws
 * {@link EsdbStreamNotFound} while iterating (not when called). Anything else
 * (connection, access, deleted stream) is the client's own error, unchanged.
 */
export interface EsdbClient {
  appendToStream(
    streamName: string,
    events: readonly EsdbEventData[],
    options: EsdbAppendOptions,
  ): Promise<{ readonly nextExpectedRevision: bigint }>;
  readStream(streamName: string, options: EsdbReadStreamOptions): AsyncIterable<EsdbResolvedEvent>;
  readAll(options: EsdbReadAllOptions): AsyncIterable<EsdbAllResolvedEvent>;
  subscribeToAll(options: EsdbSubscribeOptions): EsdbSubscriptionHandle;
  dispose(): Promise<void>;
}
