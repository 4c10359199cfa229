import type { Database as Db, Statement } from 'better-sqlite3';
import { closeSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import { sealEvents } from '../append/seal-events';
import { loadBetterSqlite3 } from '../drivers/store-drivers';
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
import { GroupCommit } from './group-commit';
import { migrate } from './sqlite-schema';
import { SqliteRecords } from './sqlite-records';
import {
  validateListRecords,
  validateRecordKey,
  validateRecordWrites,
} from '../append/validate-records';
import type { ListRecordsOptions, RecordWrite, StoredRecord } from '../port/records';
import type { AppendHook } from '../port/sql-statement';
import type { SyncEventSource } from '../port/sync-event-source';
import type { LeafSource } from '../audit-log/leaf-source';
import { SqlRunner } from './sql-runner';
import { EVENT_COLUMNS, type EventRow, type StreamRow, toRecordedEvent } from './sqlite-rows';

export interface SqliteEventStoreOptions {
  /** A file path, or ':memory:' for a private in-memory database. */
  readonly filename: string;
  /** Open without writing anything (no migrations): for auditors' tools. */
  readonly readonly?: boolean;
  /** FULL (default) fsyncs every commit; NORMAL may lose the last commits on power loss. */
  readonly synchronous?: 'FULL' | 'NORMAL';
  readonly now?: () => Date;
  /** How often subscribers re-read when no local append woke them (writers in other processes). */
  readonly pollIntervalMs?: number;
  readonly busyTimeoutMs?: number;
}

interface AppendJob {
  readonly streamId: string;
  readonly events: readonly NewEvent[];
  readonly options: AppendOptions;
  readonly now: Date;
}

type Outcome = { ok: true; value: AppendResult } | { ok: false; error: unknown };

function settle(append: () => AppendResult): Outcome {
  try {
    return { ok: true, value: append() };
  } catch (error) {
    return { ok: false, error };
  }
}

/** The group's inline hook failed: the group's transaction rolls back and is retried. */
class HookRefusedGroup extends Error {
  constructor(readonly refusal: unknown) {
    super('the inline hook refused a group commit');
  }
}

/**
 * Creates the database file readable and writable by its owner only (0600) when it does
 * not exist yet; SQLite gives its -wal and -shm files the database file's mode. The file
 * holds personal data (sealed) and card fingerprints: other local users have no business
 * reading it. An existing file keeps the mode its owner gave it.
 */
function createPrivately(filename: string): void {
  try {
    closeSync(openSync(filename, 'wx', 0o600));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
}

/**
 * The embedded default store: one SQLite file in WAL mode, one writer, durable commits.
 * Appends that arrive together are committed as one transaction (group commit), each in
 * its own savepoint so that one append's conflict does not undo another's; the inline
 * hook's statements follow once for all of them, in the same transaction.
 */
export class SqliteEventStore implements TransactionalEventStore, SyncEventSource {
  readonly db: Db;
  private readonly signal = new AppendSignal();
  private readonly groupCommit: GroupCommit<AppendJob, AppendResult>;
  private readonly statements: ReturnType<typeof prepareStatements>;
  private readonly records: SqliteRecords;
  private readonly hookStatements: SqlRunner;
  private appendHook: AppendHook | undefined;
  private closed = false;

  constructor(private readonly options: SqliteEventStoreOptions) {
    if (!options.readonly && options.filename !== ':memory:' && options.filename !== '') {
      mkdirSync(dirname(options.filename), { recursive: true });
      createPrivately(options.filename);
    }
    const Database = loadBetterSqlite3();
    this.db = new Database(options.filename, {
      readonly: options.readonly ?? false,
      fileMustExist: options.readonly ?? false,
    });
    this.db.pragma(`busy_timeout = ${options.busyTimeoutMs ?? 5000}`);
    if (!options.readonly) {
      // Deleted rows are overwritten with zeros, not left in free pages: a shredded data key
      // (and the snapshot that held personal data in clear) must not be readable in the file.
      this.db.pragma('secure_delete = ON');
      this.db.pragma('journal_mode = WAL');
      this.db.pragma(`synchronous = ${options.synchronous ?? 'FULL'}`);
      migrate(this.db);
    }
    this.statements = prepareStatements(this.db);
    this.records = new SqliteRecords(this.db);
    this.hookStatements = new SqlRunner(this.db);
    // A nested better-sqlite3 transaction is a savepoint: a failing append rolls back alone.
    const appendOne = this.db.transaction((job: AppendJob, withHook: boolean) =>
      this.appendInTransaction(job, withHook),
    );
    const together = this.db.transaction((jobs: AppendJob[]) => {
      const outcomes = jobs.map((job) => settle(() => appendOne(job, false)));
      this.runHookOnce(outcomes);
      return outcomes;
    });
    const oneByOne = this.db.transaction((jobs: AppendJob[]) =>
      jobs.map((job) => settle(() => appendOne(job, true))),
    );
    this.groupCommit = new GroupCommit((jobs) => {
      let outcomes;
      try {
        outcomes = together.immediate(jobs);
      } catch (error) {
        if (!(error instanceof HookRefusedGroup)) throw error;
        // Rolled back whole; again with the hook in each append's savepoint, so that the
        // appends whose rows it refuses fail alone (as the hook's contract says).
        outcomes = oneByOne.immediate(jobs);
      }
      if (outcomes.some((o) => o.ok && o.value.events.length > 0)) this.signal.notify();
      this.purgeErased();
      return outcomes;
    });
  }

  /**
   * The inline hook, once for every event a group commit appended, after the appends'
   * savepoints: the pages it writes then need no savepoint copies (a few hundred KB per
   * group in SQLite's sub-journal, which spills to a temporary file past 64 KiB), and
   * it can write each row once for the group. A refusal rolls back the whole group.
   */
  private runHookOnce(outcomes: readonly Outcome[]): void {
    const hook = this.appendHook;
    if (!hook) return;
    const events = outcomes.flatMap((o) => (o.ok ? o.value.events : []));
    if (events.length === 0) return;
    try {
      this.hookStatements.run(hook.statementsFor(events));
    } catch (error) {
      throw new HookRefusedGroup(error);
    }
  }

  /** The database file (or ':memory:'), as opened. */
  get filename(): string {
    return this.options.filename;
  }

  async appendToStream(
    streamId: string,
    events: readonly NewEvent[],
    options: AppendOptions,
  ): Promise<AppendResult> {
    this.assertOpen();
    validateAppend(streamId, events, options);
    return this.groupCommit.submit({
      streamId,
      events,
      options,
      now: this.options.now?.() ?? new Date(),
    });
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    this.assertOpen();
    validateReadStream(streamId, options);
    const tip = this.readTip(streamId);
    if (!tip) throw new StreamNotFound(streamId);
    const max = options.maxCount ?? -1;
    const rows =
      options.direction === 'backwards'
        ? this.statements.readStreamBackwards.all(streamId, options.fromVersion ?? tip.version, max)
        : this.statements.readStreamForwards.all(streamId, options.fromVersion ?? 1, max);
    return rows.map(toRecordedEvent);
  }

  /** The stream and version of the event with this id (audit proofs look events up by id). */
  async locateEvent(eventId: string): Promise<{ streamId: string; version: number } | undefined> {
    this.assertOpen();
    const row = this.db
      .prepare<[string], { stream_id: string; version: number }>(
        'SELECT stream_id, version FROM events WHERE event_id = ?',
      )
      .get(eventId);
    return row && { streamId: row.stream_id, version: row.version };
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    return this.readAllSync(options);
  }

  readAllSync(options: ReadAllOptions = {}): RecordedEvent[] {
    this.assertOpen();
    validateReadAll(options);
    const from = options.fromPosition?.commit ?? 0n;
    return this.statements.readAll.all(from, options.maxCount ?? -1).map(toRecordedEvent);
  }

  /** The leaf fields of the global order (the Merkle log's catch-up): no data parsed. */
  async readLeafSources(options: ReadAllOptions = {}): Promise<LeafSource[]> {
    this.assertOpen();
    validateReadAll(options);
    const from = options.fromPosition?.commit ?? 0n;
    return this.statements.readLeafSources
      .all(from, options.maxCount ?? -1)
      .map(([at, streamId, version, hash]) => ({
        globalPosition: position(at),
        streamId,
        version: Number(version),
        hash,
      }));
  }

  subscribeToAll(options: SubscribeOptions = {}): Subscription {
    this.assertOpen();
    return pollingSubscription(
      (after, max) => this.readAll({ fromPosition: after, maxCount: max }),
      this.signal,
      {
        ...options,
        pollIntervalMs: this.options.pollIntervalMs ?? 250,
      },
    );
  }

  async headPosition(): Promise<Position> {
    return this.headPositionSync();
  }

  headPositionSync(): Position {
    this.assertOpen();
    const head = this.statements.head.get()?.p;
    return head === null || head === undefined ? START : position(head);
  }

  countEventsAfterSync(after: Position): number {
    this.assertOpen();
    return Number(this.statements.countAfter.get(after.commit)?.n ?? 0);
  }

  /**
   * Statements to run in the appends' own transaction (inline projections): once per
   * group commit for all its appends' events, or, when that fails, in each append's
   * savepoint so that only the appends it refuses fail. Undefined stops them. Set it in
   * the same synchronous step that brings the read model up to the head, so that no
   * append falls between.
   */
  setAppendHook(hook: AppendHook | undefined): void {
    this.appendHook = hook;
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
    // Synchronous, so it cannot interleave with a group-commit batch.
    this.db.transaction(() => this.records.apply(writes)).immediate();
    this.purgeErased();
  }

  /**
   * After a confidential record was deleted, the WAL still holds earlier images of its
   * page: checkpoint and truncate it so that the erased bytes leave the disk now (this
   * runs on account closure, which is rare; secure_delete keeps the main file clean).
   */
  private purgeErased(): void {
    if (!this.records.erasedConfidential) return;
    this.records.erasedConfidential = false;
    this.db.pragma('wal_checkpoint(TRUNCATE)');
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.db.close();
  }

  private appendInTransaction(job: AppendJob, withHook: boolean): AppendResult {
    const { streamId, events, options } = job;
    const tip = this.readTip(streamId);
    const actual = tip?.version ?? 0;
    if (!expectedVersionHolds(options.expectedVersion, actual)) {
      throw new WrongExpectedVersion(streamId, options.expectedVersion, actual);
    }
    if (events.length === 0) {
      return {
        nextExpectedVersion: actual,
        position: tip ? position(tip.last_position) : undefined,
        events: [],
      };
    }
    const sealed = sealEvents(
      streamId,
      events,
      { version: actual, hash: tip?.last_hash ?? GENESIS_HASH },
      job.now,
    );
    const recorded = sealed.map((event) => {
      const inserted = this.insertEvent(event);
      return { ...event, globalPosition: position(BigInt(inserted)) };
    });
    const last = recorded[recorded.length - 1]!;
    this.statements.upsertStream.run(
      streamId,
      last.version,
      last.metadata.hash,
      last.globalPosition.commit,
    );
    this.records.apply(options.records ?? []);
    if (withHook && this.appendHook) {
      this.hookStatements.run(this.appendHook.statementsFor(recorded));
    }
    return { nextExpectedVersion: last.version, position: last.globalPosition, events: recorded };
  }

  private insertEvent(event: Omit<RecordedEvent, 'globalPosition'>): number | bigint {
    try {
      return this.statements.insertEvent.run(
        event.streamId,
        event.version,
        event.eventId,
        event.type,
        event.schemaVersion,
        JSON.stringify(event.data),
        JSON.stringify(event.metadata),
      ).lastInsertRowid;
    } catch (error) {
      if (
        (error as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE' &&
        String(error).includes('event_id')
      ) {
        throw new DuplicateEventId(event.eventId);
      }
      throw error;
    }
  }

  private readTip(streamId: string): StreamRow | undefined {
    const row = this.statements.selectStream.get(streamId);
    // Versions fit a JS number; only positions need bigint.
    return row && { ...row, version: Number(row.version) };
  }

  private assertOpen(): void {
    if (this.closed) throw new EventStoreClosed();
  }
}

function prepareStatements(db: Db) {
  const safe = <T extends Statement<unknown[], unknown>>(s: T): T => s.safeIntegers(true) as T;
  // Event reads return arrays (see EventRow), not one object per row.
  const rows = <T extends Statement<unknown[], EventRow>>(s: T): T => safe(s).raw(true) as T;
  return {
    selectStream: safe(
      db.prepare<[string], StreamRow>(
        'SELECT version, last_hash, last_position FROM streams WHERE stream_id = ?',
      ),
    ),
    readStreamForwards: rows(
      db.prepare<[string, number, number], EventRow>(
        `SELECT ${EVENT_COLUMNS} FROM events WHERE stream_id = ? AND version >= ? ORDER BY version LIMIT ?`,
      ),
    ),
    readStreamBackwards: rows(
      db.prepare<[string, number | bigint, number], EventRow>(
        `SELECT ${EVENT_COLUMNS} FROM events WHERE stream_id = ? AND version <= ? ORDER BY version DESC LIMIT ?`,
      ),
    ),
    readAll: rows(
      db.prepare<[bigint, number], EventRow>(
        `SELECT ${EVENT_COLUMNS} FROM events WHERE global_position > ? ORDER BY global_position LIMIT ?`,
      ),
    ),
    readLeafSources: safe(
      db.prepare<[bigint, number], [bigint, string, bigint, string]>(
        `SELECT global_position, stream_id, version, json_extract(metadata, '$.hash') FROM events
          WHERE global_position > ? ORDER BY global_position LIMIT ?`,
      ),
    ).raw(true),
    head: safe(
      db.prepare<[], { p: bigint | null }>('SELECT max(global_position) AS p FROM events'),
    ),
    countAfter: safe(
      db.prepare<[bigint], { n: bigint }>(
        'SELECT count(*) AS n FROM events WHERE global_position > ?',
      ),
    ),
    insertEvent: db.prepare(
      `INSERT INTO events (stream_id, version, event_id, type, schema_version, data, metadata) VALUES (?, ?, ?, ?, ?, ?, ?)`,
    ),
    upsertStream: db.prepare(
      `INSERT INTO streams (stream_id, version, last_hash, last_position) VALUES (?, ?, ?, ?)
       ON CONFLICT (stream_id) DO UPDATE SET version = excluded.version, last_hash = excluded.last_hash,
         last_position = excluded.last_position`,
    ),
  };
}
