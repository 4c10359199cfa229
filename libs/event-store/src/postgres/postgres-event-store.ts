import type { Pool } from 'pg';
import { validateAppend, validateReadAll, validateReadStream } from '../append/validate-append';
import type { NewEvent, RecordedEvent } from '../port/envelope';
import { EventStoreClosed, StreamNotFound, WrongExpectedVersion } from '../port/errors';
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
import { type Position, START } from '../port/position';
import { AppendSignal } from '../subscription/append-signal';
import { pollingSubscription } from '../subscription/polling-subscription';
import { NotificationListener } from './notification-listener';
import { CommitQueue } from './commit-queue';
import { appendGroup, TipCache, type AppendJob } from './postgres-group-append';
import { listenerConfig, openPool, withTransaction } from './postgres-connections';
import {
  assertSchemaName,
  notifyChannel,
  type PostgresEventStoreOptions,
} from './postgres-options';
import {
  type EventRow,
  type NoEventRow,
  positionParams,
  type PositionRow,
  toPosition,
  toRecordedEvent,
} from './postgres-rows';
import { migrate } from './postgres-schema';
import {
  applyRecordWrites,
  getRecord,
  getRecords,
  listRecords,
  recordsSql,
  type RecordsSql,
} from './postgres-records';
import {
  validateListRecords,
  validateRecordKey,
  validateRecordWrites,
} from '../append/validate-records';
import type { ListRecordsOptions, RecordWrite, StoredRecord } from '../port/records';
import { postgresSql, type PostgresSql } from './postgres-sql';
import type { LeafSource } from '../audit-log/leaf-source';
import { trackedSubscription } from '../subscription/tracked-subscription';

const DEFAULT_POLL_INTERVAL_MS = 1000;
const MAX_VERSION = 2 ** 31 - 1;
/**
 * Groups committing at once. One: while a group commits, the next one gathers every
 * append that arrives, and fewer, larger groups won on the 2-core bench machine
 * (docs/benchmarks.md: 1,088 cmd/s at concurrency 64 against 868 with 2 and 662 with 4).
 */
const DEFAULT_CONCURRENT_COMMITS = 1;
/** Appends in one group at most: bounds the size of one transaction and its query text. */
const MAX_GROUP_SIZE = 256;

/**
 * The event store on PostgreSQL (`pg`, a pool). Appends lock the stream's row for
 * optimistic concurrency; the global order is `(transaction id, sequence)` and reads stop
 * below the oldest running transaction, so a transaction that commits late is still read
 * in its place (see postgres-sql.ts). Open it with {@link PostgresEventStore.connect}.
 */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export class PostgresEventStore implements TransactionalEventStore {
  private readonly signal = new AppendSignal();
  private readonly subscriptions = new Set<Subscription>();
  private readonly sql: PostgresSql;
  private readonly recordsSql: RecordsSql;
  private readonly channel: string;
  /** Group commit: appends that arrive together share one transaction (see appendGroup). */
  private readonly commits: CommitQueue<AppendJob, RecordedEvent[]>;
  private listener: NotificationListener | undefined;
  private closing: Promise<void> | undefined;

  private constructor(
    private readonly pool: Pool,
    private readonly ownsPool: boolean,
    private readonly options: PostgresEventStoreOptions & { readonly schema: string },
  ) {
    this.sql = postgresSql(options.schema);
    this.recordsSql = recordsSql(options.schema);
    this.channel = notifyChannel(options.schema);
    const context = {
      pool,
      schema: options.schema,
      sql: this.sql,
      recordsSql: this.recordsSql,
      channel: this.channel,
      tips: new TipCache(),
    };
    this.commits = new CommitQueue((jobs) => appendGroup(context, jobs), {
      maxGroups: options.concurrentCommits ?? DEFAULT_CONCURRENT_COMMITS,
      maxGroupSize: MAX_GROUP_SIZE,
    });
  }

  /**
   * Connects, creates or migrates the schema (idempotent, and safe when several processes
   * start at once) and starts LISTENing for other processes' appends.
   */
  static async connect(options: PostgresEventStoreOptions): Promise<PostgresEventStore> {
    const schema = options.schema ?? 'public';
    assertSchemaName(schema);
    const { pool, owned } = openPool(options);
    const store = new PostgresEventStore(pool, owned, { ...options, schema });
    try {
      await migrate(pool, schema);
      if (options.listen !== false) await store.startListening();
      return store;
    } catch (error) {
      await store.close();
      throw error;
    }
  }

  /** The store's pool, for read models kept in the same database (they must not end it). */
  get connectionPool(): Pool {
    return this.pool;
  }

  /** The schema holding the store's tables; read models live beside them. */
  get schemaName(): string {
    return this.options.schema;
  }

  async appendToStream(
    streamId: string,
    events: readonly NewEvent[],
    options: AppendOptions,
  ): Promise<AppendResult> {
    this.assertOpen();
    validateAppend(streamId, events, options);
    if (events.length === 0) return this.appendNothing(streamId, options);
    const recorded = await this.commits.submit({
      streamId,
      events,
      expectedVersion: options.expectedVersion,
      records: options.records ?? [],
      now: this.options.now?.() ?? new Date(),
    });
    this.signal.notify();
    const last = recorded[recorded.length - 1]!;
    return { nextExpectedVersion: last.version, position: last.globalPosition, events: recorded };
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    this.assertOpen();
    validateReadStream(streamId, options);
    const backwards = options.direction === 'backwards';
    // Versions are `integer`: clamped, a huge fromVersion reads nothing (or from the end).
    const from = Math.min(options.fromVersion ?? (backwards ? MAX_VERSION : 1), MAX_VERSION);
    const { rows } = await this.pool.query<EventRow | NoEventRow>(
      backwards ? this.sql.readBackwards : this.sql.readForwards,
      [streamId, from, options.maxCount ?? null],
    );
    if (rows.length === 0) throw new StreamNotFound(streamId);
    return rows.flatMap((row) => (row.event_id === null ? [] : [toRecordedEvent(row)]));
  }

  /** The stream and version of the event with this id (audit proofs look events up by id). */
  async locateEvent(eventId: string): Promise<{ streamId: string; version: number } | undefined> {
    this.assertOpen();
    if (!UUID.test(eventId)) return undefined;
    const { rows } = await this.pool.query<{ stream_id: string; version: number }>(
      `SELECT stream_id, version FROM "${this.options.schema}".events WHERE event_id = $1::uuid`,
      [eventId],
    );
    const row = rows[0];
    return row && { streamId: row.stream_id, version: row.version };
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    this.assertOpen();
    validateReadAll(options);
    const after = positionParams(options.fromPosition ?? START);
    const { rows } = await this.pool.query<EventRow>(this.sql.readAll, [
      ...after,
      options.maxCount ?? null,
    ]);
    return rows.map(toRecordedEvent);
  }

  /** The leaf fields of the global order (the Merkle log's catch-up): no data read. */
  async readLeafSources(options: ReadAllOptions = {}): Promise<LeafSource[]> {
    this.assertOpen();
    validateReadAll(options);
    const after = positionParams(options.fromPosition ?? START);
    const { rows } = await this.pool.query<
      PositionRow & { stream_id: string; version: number; hash: string }
    >(this.sql.readLeafSources, [...after, options.maxCount ?? null]);
    return rows.map((row) => ({
      globalPosition: toPosition(row),
      streamId: row.stream_id,
      version: row.version,
      hash: row.hash,
    }));
  }

  subscribeToAll(options: SubscribeOptions = {}): Subscription {
    this.assertOpen();
    const inner = pollingSubscription(
      (after, maxCount) => this.readAll({ fromPosition: after, maxCount }),
      this.signal,
      { ...options, pollIntervalMs: this.options.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS },
    );
    return trackedSubscription(this.subscriptions, inner);
  }

  async headPosition(): Promise<Position> {
    this.assertOpen();
    const { rows } = await this.pool.query<PositionRow>(this.sql.head);
    return rows[0] ? toPosition(rows[0]) : START;
  }

  /**
   * Stops subscriptions and the listener, then ends the pool if the store opened it.
   * Idempotent.
   */
  async getRecord(collection: string, key: string): Promise<StoredRecord | undefined> {
    this.assertOpen();
    validateRecordKey(collection, key);
    return getRecord(this.pool, this.recordsSql, collection, key);
  }

  async getRecords(collection: string, keys: readonly string[]): Promise<StoredRecord[]> {
    this.assertOpen();
    for (const key of keys) validateRecordKey(collection, key);
    return getRecords(this.pool, this.recordsSql, collection, keys);
  }

  async listRecords(collection: string, options: ListRecordsOptions = {}): Promise<StoredRecord[]> {
    this.assertOpen();
    validateListRecords(collection, options);
    return listRecords(this.pool, this.recordsSql, collection, options);
  }

  async writeRecords(writes: readonly RecordWrite[]): Promise<void> {
    this.assertOpen();
    validateRecordWrites(writes, undefined);
    await withTransaction(this.pool, (client) =>
      applyRecordWrites(client, this.recordsSql, writes),
    );
  }

  close(): Promise<void> {
    this.closing ??= this.shutDown();
    return this.closing;
  }

  private async shutDown(): Promise<void> {
    await Promise.all([...this.subscriptions].map((s) => s.stop()));
    await this.listener?.close();
    // pool.end() waits for checked-out clients, so reads in flight finish first.
    if (this.ownsPool) await this.pool.end();
  }

  private async startListening(): Promise<void> {
    const wake = (): void => this.signal.notify();
    const retryMs = this.options.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS;
    this.listener = new NotificationListener(
      listenerConfig(this.options),
      this.channel,
      wake,
      retryMs,
    );
    await this.listener.start();
  }

  /** Zero events: only the expected-version check, against the committed tip. */
  private async appendNothing(streamId: string, options: AppendOptions): Promise<AppendResult> {
    const { rows } = await this.pool.query<PositionRow & { version: number }>(this.sql.streamTip, [
      streamId,
    ]);
    const row = rows[0];
    const actual = row?.version ?? 0;
    if (!expectedVersionHolds(options.expectedVersion, actual)) {
      throw new WrongExpectedVersion(streamId, options.expectedVersion, actual);
    }
    // The join finds the stream's last event; no row or no event means an empty stream.
    const position = row?.seq ? toPosition(row) : undefined;
    return { nextExpectedVersion: actual, position, events: [] };
  }

  private assertOpen(): void {
    if (this.closing) throw new EventStoreClosed();
  }
}
