import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import {
  type AllStreamJSONRecordedEvent,
  type AllStreamResolvedEvent,
  type AppendExpectedRevision,
  type AppendResult,
  type EventData,
  type Filter,
  MaxAppendSizeExceededError,
  type Position as EsdbPosition,
  type ReadPosition,
  type ResolvedEvent,
  StreamNotFoundError,
  WrongExpectedVersionError,
} from '@eventstore/db-client';
import type {
  EsdbAppendOptions,
  EsdbClient,
  EsdbReadAllOptions,
  EsdbReadStreamOptions,
  EsdbSubscribeOptions,
  EsdbSubscriptionHandle,
} from '../esdb-client';

type StoredEvent = AllStreamJSONRecordedEvent;

const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

function compare(a: EsdbPosition, b: EsdbPosition): number {
  if (a.commit !== b.commit) return a.commit < b.commit ? -1 : 1;
  if (a.prepare !== b.prepare) return a.prepare < b.prepare ? -1 : 1;
  return 0;
}

function matches(filter: Filter, streamName: string): boolean {
  return 'prefixes' in filter
    ? filter.prefixes.some((prefix) => streamName.startsWith(prefix))
    : new RegExp(filter.regex).test(streamName);
}

/**
 * An in-memory stand-in for an EventStoreDB server, as far as the adapter sees it: streams
 * with revisions from 0, one `$all` log ordered by {commit, prepare} where each write's
 * events share a commit position (written after their prepares), expected revisions with
 * the server's idempotent acknowledgement of a retried write, and catch-up subscriptions.
 * It throws the client's real error classes. Not a model of clustering or of scavenging.
 */
export class FakeEsdbServer {
  readonly log: StoredEvent[] = [];
  readonly streams = new Map<string, StoredEvent[]>();
  readonly subscriptions = new Set<FakeSubscription>();
  /** Conflicts answered, to check that retries happened. */
  conflicts = 0;
  maxAppendSize = Number.POSITIVE_INFINITY;
  private nextOffset = 1_000n;

  constructor() {
    // A real server's log starts with its own events; the adapter must never show them.
    this.write('$settings', [this.foreign('$settings-updated')], 'any');
    this.write('$stats-127.0.0.1:2113', [this.foreign('$statsCollected')], 'any');
  }

  /** An event the adapter did not write (no envelope metadata). */
  foreign(type: string, data: Record<string, unknown> = {}): EventData {
    return {
      id: randomUUID(),
      contentType: 'application/json',
      type,
      data,
      metadata: undefined,
    };
  }

  write(
    streamName: string,
    events: readonly EventData[],
    expected: AppendExpectedRevision,
  ): AppendResult {
    const stream = this.streams.get(streamName) ?? [];
    const current = BigInt(stream.length) - 1n;
    const idempotent = this.idempotentRange(stream, events, expected, current);
    if (idempotent !== undefined) {
      return { success: true, nextExpectedRevision: idempotent, position: undefined };
    }
    const ok =
      expected === 'any' ||
      (expected === 'no_stream' && current === -1n) ||
      (expected === 'stream_exists' && current >= 0n) ||
      expected === current;
    if (!ok) {
      this.conflicts++;
      throw new WrongExpectedVersionError(undefined, {
        streamName,
        expected,
        current: current === -1n ? 'no_stream' : current,
      });
    }
    const size = events.reduce(
      (sum, e) => sum + JSON.stringify(e.data).length + JSON.stringify(e.metadata ?? {}).length,
      0,
    );
    if (size > this.maxAppendSize)
      throw new MaxAppendSizeExceededError(undefined, this.maxAppendSize);
    const commit = this.nextOffset + BigInt(events.length) * 10n;
    const written = events.map((event, i): StoredEvent => {
      const position = { commit, prepare: this.nextOffset + BigInt(i) * 10n };
      return {
        streamId: streamName,
        id: event.id,
        isJson: true,
        revision: current + 1n + BigInt(i),
        type: event.type,
        created: new Date(0),
        // A round trip through JSON, as over the wire.
        data: JSON.parse(JSON.stringify(event.data)) as StoredEvent['data'],
        metadata:
          event.metadata === undefined
            ? undefined
            : (JSON.parse(JSON.stringify(event.metadata)) as StoredEvent['metadata']),
        position,
      };
    });
    this.nextOffset = commit + 10n;
    this.streams.set(streamName, [...stream, ...written]);
    this.log.push(...written);
    this.subscriptions.forEach((subscription) => written.forEach((e) => subscription.offer(e)));
    const last = written[written.length - 1]!;
    return { success: true, nextExpectedRevision: last.revision, position: last.position };
  }

  /** The server's answer to a retried write: the same ids right after the expected revision. */
  private idempotentRange(
    stream: readonly StoredEvent[],
    events: readonly EventData[],
    expected: AppendExpectedRevision,
    current: bigint,
  ): bigint | undefined {
    let after: bigint;
    if (expected === 'any') {
      const first = stream.findIndex((e) => e.id === events[0]?.id);
      if (first < 0) return undefined;
      after = BigInt(first) - 1n;
    } else if (expected === 'stream_exists') {
      return undefined;
    } else {
      after = expected === 'no_stream' ? -1n : expected;
      if (after >= current) return undefined;
    }
    const slice = stream.slice(Number(after + 1n), Number(after + 1n) + events.length);
    if (slice.length !== events.length || slice.some((e, i) => e.id !== events[i]!.id))
      return undefined;
    return after + BigInt(events.length);
  }

  readStream(streamName: string, options: EsdbReadStreamOptions): StoredEvent[] | undefined {
    const stream = this.streams.get(streamName);
    if (!stream) return undefined;
    const count = options.maxCount ?? Number.MAX_SAFE_INTEGER;
    if (options.direction === 'backwards') {
      const from =
        options.fromRevision === 'end'
          ? stream.length - 1
          : Math.min(Number(options.fromRevision), stream.length - 1);
      return stream.slice(Math.max(0, from - count + 1), from + 1).reverse();
    }
    const from = options.fromRevision === 'start' ? 0 : Number(options.fromRevision);
    return stream.slice(from, from + count);
  }

  /** `$all` from a position, inclusive both ways (the worst case for the adapter). */
  readAll(options: EsdbReadAllOptions): StoredEvent[] {
    const from = options.fromPosition;
    if (options.direction === 'backwards') {
      const before =
        from === 'end' || from === 'start'
          ? [...this.log]
          : this.log.filter((e) => compare(e.position, from) <= 0);
      return before.reverse().slice(0, options.maxCount);
    }
    const after =
      from === 'start' || from === 'end'
        ? from === 'start'
          ? this.log
          : []
        : this.log.filter((e) => compare(e.position, from) >= 0);
    return after.slice(0, options.maxCount);
  }

  /** Breaks every live subscription the way a lost connection does: an 'error' event. */
  failSubscriptions(error: Error = new Error('14 UNAVAILABLE: connection dropped')): void {
    [...this.subscriptions].forEach((subscription) => subscription.fail(error));
  }
}

/** A catch-up subscription: a Readable in object mode, like the client's. */
export class FakeSubscription extends Readable implements EsdbSubscriptionHandle {
  unsubscribed = false;

  constructor(
    private readonly server: FakeEsdbServer,
    readonly fromPosition: ReadPosition,
    readonly streamFilter: Filter,
  ) {
    super({ objectMode: true, read: () => undefined });
  }

  /** Starts after a tick, as the gRPC call does: history after the position, then live. */
  start(): void {
    setImmediate(() => {
      if (this.unsubscribed || this.destroyed) return;
      const from = this.fromPosition;
      // Subscriptions start strictly after the given position.
      this.server.log
        .filter((e) => from === 'start' || (from !== 'end' && compare(e.position, from) > 0))
        .forEach((e) => this.offer(e));
      this.server.subscriptions.add(this);
    });
  }

  offer(event: StoredEvent): void {
    if (!matches(this.streamFilter, event.streamId)) return;
    const resolved: AllStreamResolvedEvent = { event, commitPosition: event.position.commit };
    this.push(resolved);
  }

  /** Ends the subscription without an error, as a server closing the call does. */
  end(): void {
    this.server.subscriptions.delete(this);
    this.push(null);
  }

  fail(error: Error): void {
    this.server.subscriptions.delete(this);
    // The client emits 'error' on the stream (it does not destroy it).
    this.emit('error', error);
  }

  async unsubscribe(): Promise<void> {
    this.unsubscribed = true;
    this.server.subscriptions.delete(this);
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    this.server.subscriptions.delete(this);
    callback(error);
  }
}

/** A client of a {@link FakeEsdbServer}; several may share one server (other processes). */
export class FakeEsdbClient implements EsdbClient {
  readonly subscribeCalls: ReadPosition[] = [];
  readonly subscriptions: FakeSubscription[] = [];
  readonly appendCalls: Array<{ streamName: string; expectedRevision: AppendExpectedRevision }> =
    [];
  disposed = false;
  /** Runs between the adapter's tip read and its write: another process appending. */
  beforeAppend?: (streamName: string) => Promise<void>;

  constructor(readonly server: FakeEsdbServer = new FakeEsdbServer()) {}

  async appendToStream(
    streamName: string,
    events: EventData[],
    options: EsdbAppendOptions,
  ): Promise<AppendResult> {
    this.appendCalls.push({ streamName, expectedRevision: options.expectedRevision });
    await this.beforeAppend?.(streamName);
    await tick();
    return this.server.write(streamName, events, options.expectedRevision);
  }

  async *readStream(
    streamName: string,
    options: EsdbReadStreamOptions,
  ): AsyncGenerator<ResolvedEvent> {
    await tick();
    const events = this.server.readStream(streamName, options);
    // Like the client: the missing stream surfaces while iterating.
    if (!events) throw new StreamNotFoundError(undefined, streamName);
    for (const event of events) yield { event };
  }

  async *readAll(options: EsdbReadAllOptions): AsyncGenerator<AllStreamResolvedEvent> {
    await tick();
    for (const event of this.server.readAll(options)) yield { event };
  }

  subscribeToAll(options: EsdbSubscribeOptions): FakeSubscription {
    this.subscribeCalls.push(options.fromPosition);
    const subscription = new FakeSubscription(this.server, options.fromPosition, options.filter);
    this.subscriptions.push(subscription);
    subscription.start();
    return subscription;
  }

  async dispose(): Promise<void> {
    this.disposed = true;
  }
}
