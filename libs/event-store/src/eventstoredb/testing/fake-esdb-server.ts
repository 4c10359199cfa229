import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import type {
  EsdbCurrentRevision,
  EsdbExpectedRevision,
  EsdbPosition,
  EsdbReadAllOptions,
  EsdbReadPosition,
  EsdbReadStreamOptions,
  EsdbStreamFilter,
} from '../esdb-client';

type Json = Record<string | number, unknown> | unknown[] | string;

/**
 * An event as the fake stores it, and as both clients type a stored JSON event (so that
 * each fake driver can hand it out as its client's own).
 */
export interface FakeStoredEvent {
  streamId: string;
  id: string;
  isJson: true;
  revision: bigint;
  type: string;
  created: Date;
  data: Json;
  metadata: Json | undefined;
  position: { commit: bigint; prepare: bigint };
}

/** An event to write: either client's event data fits. */
export interface FakeEventInput {
  readonly id: string;
  readonly type: string;
  readonly data: unknown;
  readonly metadata?: unknown;
}

/** A write the server took (or acknowledged as a retry), as both clients report it. */
export interface FakeWriteResult {
  success: true;
  nextExpectedRevision: bigint;
  position: EsdbPosition | undefined;
}

/** The server refused a write: the stream is not at the expected revision. */
export class FakeConflict extends Error {
  constructor(
    readonly streamName: string,
    readonly expected: EsdbExpectedRevision,
    readonly current: EsdbCurrentRevision,
  ) {
    super(`fake server: ${streamName} is at ${String(current)}, not ${String(expected)}`);
  }
}

/** The server refused a write over its maximum append size. */
export class FakeTooLarge extends Error {
  constructor(readonly maxAppendSize: number) {
    super(`fake server: write over ${maxAppendSize} bytes`);
  }
}

/** One turn of the event loop, as a network round trip takes at least. */
export const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

function compare(a: EsdbPosition, b: EsdbPosition): number {
  if (a.commit !== b.commit) return a.commit < b.commit ? -1 : 1;
  if (a.prepare !== b.prepare) return a.prepare < b.prepare ? -1 : 1;
  return 0;
}

function matches(filter: EsdbStreamFilter, streamName: string): boolean {
  return 'prefixes' in filter
    ? filter.prefixes.some((prefix) => streamName.startsWith(prefix))
    : new RegExp(filter.regex).test(streamName);
}

/** A round trip through JSON, as over the wire. */
const copy = (value: unknown): Json => JSON.parse(JSON.stringify(value)) as Json;

/**
 * An in-memory stand-in for an EventStoreDB / KurrentDB server, as far as the adapter sees
 * it: streams with revisions from 0, one `$all` log ordered by {commit, prepare} where each
 * write's events share a commit position (written after their prepares), expected
 * revisions with the server's idempotent acknowledgement of a retried write, and catch-up
 * subscriptions. It refuses with {@link FakeConflict} and {@link FakeTooLarge}; the fake
 * drivers throw their client's error classes for those. Not a model of clustering or of
 * scavenging.
 */
export class FakeEsdbServer {
  readonly log: FakeStoredEvent[] = [];
  readonly streams = new Map<string, FakeStoredEvent[]>();
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
  foreign(type: string, data: Record<string, unknown> = {}): FakeEventInput {
    return { id: randomUUID(), type, data, metadata: undefined };
  }

  /** @throws FakeConflict, FakeTooLarge; nothing is written then. */
  write(
    streamName: string,
    events: readonly FakeEventInput[],
    expected: EsdbExpectedRevision,
  ): FakeWriteResult {
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
      throw new FakeConflict(streamName, expected, current === -1n ? 'no_stream' : current);
    }
    const size = events.reduce(
      (sum, e) => sum + JSON.stringify(e.data).length + JSON.stringify(e.metadata ?? {}).length,
      0,
    );
    if (size > this.maxAppendSize) throw new FakeTooLarge(this.maxAppendSize);
    const commit = this.nextOffset + BigInt(events.length) * 10n;
    const written = events.map((event, i): FakeStoredEvent => ({
      streamId: streamName,
      id: event.id,
      isJson: true,
      revision: current + 1n + BigInt(i),
      type: event.type,
      created: new Date(0),
      data: copy(event.data),
      metadata: event.metadata === undefined ? undefined : copy(event.metadata),
      position: { commit, prepare: this.nextOffset + BigInt(i) * 10n },
    }));
    this.nextOffset = commit + 10n;
    this.streams.set(streamName, [...stream, ...written]);
    this.log.push(...written);
    this.subscriptions.forEach((subscription) => written.forEach((e) => subscription.offer(e)));
    const last = written[written.length - 1]!;
    return { success: true, nextExpectedRevision: last.revision, position: last.position };
  }

  /** The server's answer to a retried write: the same ids right after the expected revision. */
  private idempotentRange(
    stream: readonly FakeStoredEvent[],
    events: readonly FakeEventInput[],
    expected: EsdbExpectedRevision,
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

  /** A stream's events for a read, or undefined for a stream that does not exist. */
  readStream(streamName: string, options: EsdbReadStreamOptions): FakeStoredEvent[] | undefined {
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
  readAll(options: EsdbReadAllOptions): FakeStoredEvent[] {
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

/** A catch-up subscription: a Readable in object mode, like both clients'. */
export class FakeSubscription extends Readable {
  unsubscribed = false;

  constructor(
    private readonly server: FakeEsdbServer,
    readonly fromPosition: EsdbReadPosition,
    /** The filter as the client received it (its own Filter type). */
    readonly streamFilter: EsdbStreamFilter,
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

  offer(event: FakeStoredEvent): void {
    if (!matches(this.streamFilter, event.streamId)) return;
    this.push({ event, commitPosition: event.position.commit });
  }

  /** Ends the subscription without an error, as a server closing the call does. */
  end(): void {
    this.server.subscriptions.delete(this);
    this.push(null);
  }

  fail(error: Error): void {
    this.server.subscriptions.delete(this);
    // The clients emit 'error' on the stream (they do not destroy it).
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
