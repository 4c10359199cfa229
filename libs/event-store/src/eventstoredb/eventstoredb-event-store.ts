import { validateAppend, validateReadAll, validateReadStream } from '../append/validate-append';
import type { NewEvent, RecordedEvent } from '../port/envelope';
import { EventStoreClosed, InvalidEventStoreInput } from '../port/errors';
import type {
  AppendOptions,
  AppendResult,
  EventStore,
  ReadAllOptions,
  ReadStreamOptions,
  SubscribeOptions,
  Subscription,
} from '../port/event-store';
import { type Position, START } from '../port/position';
import { scanAll } from './esdb-all-reader';
import { EsdbAppend } from './esdb-append';
import { connectEsdbClient } from './clients/connect-esdb-client';
import {
  BACKWARDS,
  END as ESDB_END,
  type EsdbAllRecordedEvent,
  type EsdbClient,
  FORWARDS,
  START as ESDB_START,
} from './esdb-client';
import { fromEsdbEvent } from './esdb-envelope';
import { collectStream } from './esdb-errors';
import { fromEsdbPosition, isStart, readPositionAfter } from './esdb-position';
import { readStreamEvents } from './esdb-stream-reader';
import {
  DEFAULT_MAX_APPEND_ATTEMPTS,
  DEFAULT_READ_PAGE_SIZE,
  type EventStoreDbConnectOptions,
  type EventStoreDbEventStoreOptions,
  sleep,
} from './eventstoredb-options';
import { revisionFromVersion } from './expected-revision';
import { KeyedQueue } from '../support/keyed-queue';
import {
  DEFAULT_RESUBSCRIBE_POLICY,
  type ResubscribePolicy,
  resubscribingSubscription,
} from './resubscribing-subscription';
import { EsdbStreamNames } from './stream-names';
import { trackedSubscription } from '../subscription/tracked-subscription';

/**
 * The event store on EventStoreDB / KurrentDB, through either npm client (the seam in
 * `esdb-client.ts`; `connect` picks the client by the URL's scheme). It keeps events only:
 * it is an {@link EventStore}, not a TransactionalEventStore — records and read models
 * live in SQL.
 *
 * - Versions: ours count from 1, EventStoreDB revisions from 0 (version N = revision N − 1).
 * - Hash chain: an append reads the stream's last event, seals the new events onto its
 *   hash (the shared sealing code) and writes them with that tip's revision as the expected
 *   revision, so a concurrent writer can never leave a broken chain; `any` and
 *   `stream_exists` retry on conflict (`esdb-append.ts`, `planAppend`). The chain, the schema version and
 *   our metadata travel in the event's metadata (see `esdb-envelope.ts`).
 * - Event ids are the EventStoreDB event ids. A retried append (same ids, same expected
 *   version) is acknowledged without writing twice, as the server does. An id stored
 *   elsewhere is not found: EventStoreDB has no unique index on event ids (the one port
 *   rule this adapter cannot keep; see `classifyTail`).
 * - readAll, subscriptions and headPosition see only our streams (namespace/prefixes);
 *   `fromPosition` stays an exclusive checkpoint.
 *
 * Streams must not be deleted or truncated behind the store: versions would no longer be
 * revision + 1.
 */
export class EventStoreDbEventStore implements EventStore {
  private readonly names: EsdbStreamNames;
  private readonly queue = new KeyedQueue();
  private readonly appender: EsdbAppend;
  private readonly subscriptions = new Set<Subscription>();
  private readonly resubscribe: ResubscribePolicy;
  private readonly delay: (ms: number) => Promise<void>;
  private closed = false;

  /** Wraps a client; `close()` disposes it. Use {@link connect} for a connection string. */
  constructor(
    private readonly client: EsdbClient,
    private readonly options: EventStoreDbEventStoreOptions = {},
  ) {
    this.names = new EsdbStreamNames(options.namespace, options.streamPrefixes);
    // Pages of one event could not move past an inclusive start position (see scanAll).
    const pageSize = options.readPageSize ?? DEFAULT_READ_PAGE_SIZE;
    if (!Number.isSafeInteger(pageSize) || pageSize < 2)
      throw new Error('readPageSize must be an integer ≥ 2');
    const attempts = options.maxAppendAttempts ?? DEFAULT_MAX_APPEND_ATTEMPTS;
    if (!Number.isSafeInteger(attempts) || attempts < 1)
      throw new Error('maxAppendAttempts must be an integer ≥ 1');
    this.resubscribe = { ...DEFAULT_RESUBSCRIBE_POLICY, ...options.resubscribe };
    this.delay = options.delay ?? sleep;
    this.appender = new EsdbAppend(client, {
      now: () => options.now?.() ?? new Date(),
      maxAttempts: attempts,
      delay: this.delay,
    });
  }

  /**
   * Connects with a connection string and checks the server answers (one read of `$all`),
   * so that a wrong address or credentials fail here rather than at first use.
   * `kurrentdb://` and `kurrentdb+discover://` use `@kurrent/kurrentdb-client`; `esdb://`
   * and `esdb+discover://` use `@eventstore/db-client` v6.
   */
  static async connect(options: EventStoreDbConnectOptions): Promise<EventStoreDbEventStore> {
    const { connectionString, ...storeOptions } = options;
    const client = await connectEsdbClient(connectionString);
    try {
      await collectStream(
        '$all',
        client.readAll({
          fromPosition: ESDB_END,
          direction: BACKWARDS,
          maxCount: 1,
        }),
      );
    } catch (error) {
      await client.dispose();
      throw error;
    }
    return new EventStoreDbEventStore(client, storeOptions);
  }

  async appendToStream(
    streamId: string,
    events: readonly NewEvent[],
    options: AppendOptions,
  ): Promise<AppendResult> {
    this.assertOpen();
    validateAppend(streamId, events, options);
    if (options.records !== undefined && options.records.length > 0) {
      throw new InvalidEventStoreInput(
        'records cannot be written with EventStoreDB appends (it keeps events only)',
        'records',
      );
    }
    const name = this.names.toServerForAppend(streamId);
    // One at a time per stream in this process: both would read the same tip otherwise.
    return this.queue.run(streamId, () =>
      this.appender.append(streamId, name, events, options.expectedVersion),
    );
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    this.assertOpen();
    validateReadStream(streamId, options);
    const backwards = options.direction === 'backwards';
    return readStreamEvents(this.client, streamId, this.names.toServer(streamId), {
      fromRevision:
        options.fromVersion !== undefined
          ? revisionFromVersion(options.fromVersion)
          : backwards
            ? ESDB_END
            : ESDB_START,
      direction: backwards ? BACKWARDS : FORWARDS,
      maxCount: options.maxCount,
    });
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    this.assertOpen();
    validateReadAll(options);
    const events = await scanAll(this.client, {
      direction: 'forwards',
      from: options.fromPosition,
      pageSize: this.pageSize(options.maxCount),
      accept: (event) => this.names.isOurs(event.streamId),
      limit: options.maxCount,
    });
    return events.map((event) => this.fromAll(event));
  }

  /**
   * Catch-up then live, from EventStoreDB's own subscription filtered to our streams
   * server-side. `batchSize` does not apply: the server pushes events.
   */
  subscribeToAll(options: SubscribeOptions = {}): Subscription {
    this.assertOpen();
    validateReadAll({ fromPosition: options.fromPosition });
    const inner = resubscribingSubscription(
      {
        open: (checkpoint) =>
          this.client.subscribeToAll({
            fromPosition: readPositionAfter(checkpoint),
            filter: this.names.filter(),
          }),
        toRecorded: ({ event }) =>
          event && this.names.isOurs(event.streamId) ? this.fromAll(event) : undefined,
      },
      {
        fromPosition: isStart(options.fromPosition) ? undefined : options.fromPosition,
        policy: this.resubscribe,
        delay: this.delay,
        onError: this.options.onSubscriptionError,
      },
    );
    return trackedSubscription(this.subscriptions, inner);
  }

  /** The last of our events in `$all`, read backwards (filtered here, see scanAll). */
  async headPosition(): Promise<Position> {
    this.assertOpen();
    const [last] = await scanAll(this.client, {
      direction: 'backwards',
      pageSize: this.pageSize(1),
      accept: (event) => this.names.isOurs(event.streamId),
      limit: 1,
    });
    return last ? fromEsdbPosition(last.position) : START;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([...this.subscriptions].map((subscription) => subscription.stop()));
    await this.client.dispose();
  }

  private fromAll(event: EsdbAllRecordedEvent): RecordedEvent {
    return fromEsdbEvent(event, this.names.fromServer(event.streamId));
  }

  /** Pages of at least a few events: `$all` interleaves other streams with ours. */
  private pageSize(limit: number | undefined): number {
    const max = this.options.readPageSize ?? DEFAULT_READ_PAGE_SIZE;
    return limit === undefined ? max : Math.min(max, Math.max(limit + 1, 32));
  }

  private assertOpen(): void {
    if (this.closed) throw new EventStoreClosed();
  }
}
