import { loadPg } from '@account-ops/event-store';
import type { Pool, PoolClient, QueryResult } from 'pg';
import {
  comparePositions,
  START,
  type EventStore,
  type PostgresEventStore,
  type Position,
  type RecordedEvent,
  type SqlStatement,
} from '@account-ops/event-store';
import {
  findProjection,
  type CatchUpOptions,
  type ProjectionBackend,
  type ProjectionStatus,
  type RebuildOptions,
  type RebuildReport,
} from '../backend';
import {
  advanceCheckpoints,
  CREATE_CHECKPOINT_TABLE,
  insertCheckpoint,
  resetCheckpoint,
  SELECT_CHECKPOINT,
  SELECT_CHECKPOINTS,
  selectNamedCheckpoints,
  toCheckpoint,
  type Checkpoint,
} from '../checkpoints/checkpoint';
import { liveTableNames, shadowTableNames, type Projection } from '../projection';
import type { ReadModelReader, SqlRow } from '../read-model-reader';
import { batchStatements, pageStatements } from '../runner/batch-statements';
import { mergeInserts } from '../runner/merge-inserts';
import { rebuildLoop } from '../runner/rebuild-loop';
import { projectionStatus } from '../runner/status';
import { createIndexes, createTables, dropTables, renameTables } from '../runner/table-ddl';
import { advisoryKey } from './advisory-keys';
import { batchText, numberPlaceholders } from './portable-sql';
import { copyRows } from './copy-rows';
import { PageReader } from './page-reader';
import { SessionLocks, type HeldLock } from './postgres-leadership';
import { RebuildStage } from './rebuild-stage';

export interface PostgresProjectionBackendOptions {
  /** The read models live in this store's database and schema. */
  readonly store: PostgresEventStore;
  /**
   * Where the events are read from: `store` itself by default, EventStoreDB in the split
   * configuration (then the store's own events table is empty).
   */
  readonly events?: EventStore;
  readonly projections: readonly Projection[];
  readonly now?: () => Date;
  readonly batchSize?: number;
  /** Connections of the read models' own pool (default 4). */
  readonly poolSize?: number;
}

/**
 * Read models in PostgreSQL, beside the events. A batch is one transaction that takes the
 * projection's batch lock, reads the checkpoint, writes rows and checkpoint as one
 * multi-statement query, and commits; events come from the store's gap-free `readAll`.
 */
export class PostgresProjectionBackend implements ProjectionBackend {
  readonly projections: readonly Projection[];
  readonly reader: ReadModelReader;
  private readonly pool: Pool;
  private readonly locks: SessionLocks;
  private readonly prepared = new WeakSet<PoolClient>();
  private readonly schema: string;
  private readonly events: EventStore;
  private readonly now: () => Date;
  private readonly batchSize: number;
  /** Per set of projections caught up together: where the last batch left them (a hint). */
  private readonly lastCommitted = new Map<string, Position>();

  constructor(private readonly options: PostgresProjectionBackendOptions) {
    this.projections = options.projections;
    this.schema = options.store.schemaName;
    this.events = options.events ?? options.store;
    this.now = options.now ?? (() => new Date());
    this.batchSize = options.batchSize ?? 1000;
    this.pool = new (loadPg().Pool)({
      ...options.store.connectionPool.options,
      max: options.poolSize ?? 4,
    });
    this.locks = new SessionLocks(options.store.connectionPool.options);
    this.reader = {
      query: async (sql, params = []) =>
        this.withClient(
          async (client) => (await client.query<SqlRow>(numberPlaceholders(sql), [...params])).rows,
        ),
    };
  }

  async init(): Promise<void> {
    const now = this.now();
    await this.transaction(async (client) => {
      await client.query('SELECT pg_advisory_xact_lock($1::bigint)', [
        advisoryKey(this.schema, '*', 'schema'),
      ]);
      const ddl: SqlStatement[] = [{ sql: CREATE_CHECKPOINT_TABLE, params: [] }];
      for (const p of this.projections) {
        const live = liveTableNames(p);
        ddl.push(...createTables(p, live), ...createIndexes(p, live));
        ddl.push(insertCheckpoint(p.name, p.version, now));
      }
      await client.query(batchText(ddl));
    });
    const checkpoints = await this.checkpoints();
    for (const p of this.projections) {
      if (checkpoints.find((c) => c.name === p.name)?.version !== p.version)
        await this.rebuild(p.name);
    }
  }

  async catchUp(name: string, options: CatchUpOptions = {}): Promise<number> {
    const projection = findProjection(this.projections, name);
    const size = options.batchSize ?? this.batchSize;
    let applied = 0;
    for (let batches = 1; ; batches++) {
      // Events are read before the transaction, so it stays short and never waits on
      // another connection; the checkpoint is re-read under the batch lock, and a batch
      // someone else got to first is dropped and read again.
      const from = await this.withClient((client) => this.checkpointOf(client, name));
      const events = await this.events.readAll({ fromPosition: from, maxCount: size });
      if (events.length === 0) return applied;
      const committed = await this.transaction(async (client) => {
        await this.lockBatches(client, name);
        if (comparePositions(await this.checkpointOf(client, name), from) !== 0) return false;
        const live = liveTableNames(projection);
        await client.query(
          batchText(mergeInserts(batchStatements(projection, events, live, this.now()))),
        );
        return true;
      });
      if (!committed) continue;
      applied += events.length;
      if (events.length < size || batches === options.maxBatches) return applied;
    }
  }

  /**
   * Catches several projections up in one pass when their checkpoints agree (the usual
   * case: one leader process runs them all): each batch of events is read once and every
   * projection's rows and checkpoint are written in one transaction, under all their batch
   * locks (taken in name order, as a rebuild takes them). Projections whose checkpoints
   * differ (one was just rebuilt) are caught up one by one, as `catchUp` does.
   */
  async catchUpTogether(names: readonly string[], options: CatchUpOptions = {}): Promise<number> {
    const projections = [...names].sort().map((name) => findProjection(this.projections, name));
    if (projections.length <= 1) {
      return projections.length === 0 ? 0 : this.catchUp(projections[0]!.name, options);
    }
    const size = options.batchSize ?? this.batchSize;
    const key = projections.map((p) => p.name).join('\u0000');
    let applied = 0;
    for (let batches = 1; ; batches++) {
      // Where this backend's last batch of these projections ended saves reading the
      // checkpoints first. Only a hint: taken out until a batch commits, and the batch
      // re-reads the checkpoints under its locks (a batch found moved reads them afresh).
      const hint = this.lastCommitted.get(key);
      this.lastCommitted.delete(key);
      const from =
        hint ?? (await this.withClient((client) => this.commonCheckpoint(client, projections)));
      if (from === undefined) {
        for (const p of projections) applied += await this.catchUp(p.name, options);
        return applied;
      }
      const events = await this.events.readAll({ fromPosition: from, maxCount: size });
      if (events.length === 0) {
        // Checkpoints only move forward (a rebuild swaps in its head), so a hint is never
        // ahead of them, and with no event after it they are where it says.
        this.lastCommitted.set(key, from);
        return applied;
      }
      if (!(await this.commitTogether(projections, from, events))) continue;
      this.lastCommitted.set(key, events[events.length - 1]!.globalPosition);
      applied += events.length * projections.length;
      if (events.length < size || batches === options.maxBatches) return applied;
    }
  }

  /** The projections' checkpoint when they all have the same one; undefined otherwise. */
  private async commonCheckpoint(
    client: PoolClient,
    projections: readonly Projection[],
  ): Promise<Position | undefined> {
    const names = projections.map((p) => p.name);
    const { rows } = await client.query<SqlRow>(
      numberPlaceholders(selectNamedCheckpoints(names.length)),
      names,
    );
    return commonPosition(rows, names);
  }

  /**
   * One batch of several projections in one transaction, in two round trips: BEGIN, every
   * batch lock (in name order, as a rebuild takes them: the select list is evaluated left
   * to right) and the checkpoints; then, if they are still at `from`, the rows, the
   * checkpoints moved on and COMMIT. False (rolled back) when someone else got there first.
   */
  private async commitTogether(
    projections: readonly Projection[],
    from: Position,
    events: readonly RecordedEvent[],
  ): Promise<boolean> {
    const names = projections.map((p) => p.name);
    const keys = names.map((name) => BigInt(advisoryKey(this.schema, name, 'batch')));
    const client = await this.connect();
    let broken: Error | undefined;
    try {
      const opened = (await client.query(
        batchText([
          { sql: 'BEGIN', params: [] },
          { sql: `SELECT ${keys.map(() => 'pg_advisory_xact_lock(?)').join(', ')}`, params: keys },
          { sql: selectNamedCheckpoints(names.length), params: names },
        ]),
      )) as unknown as QueryResult<SqlRow>[];
      const now = commonPosition(opened[2]!.rows, names);
      if (now === undefined || comparePositions(now, from) !== 0) {
        await client.query('ROLLBACK');
        return false;
      }
      const rows = projections.flatMap((p) => pageStatements(p, events, liveTableNames(p)));
      const last = events[events.length - 1]!.globalPosition;
      const checkpoints = advanceCheckpoints(names, last, events.length, this.now());
      // An error part-way skips the rest, COMMIT included: the catch rolls back.
      await client.query(
        batchText([...mergeInserts(rows), checkpoints, { sql: 'COMMIT', params: [] }]),
      );
      return true;
    } catch (error) {
      await client.query('ROLLBACK').catch((e: Error) => (broken = e));
      throw error;
    } finally {
      client.release(broken);
    }
  }

  async rebuild(name: string, options: RebuildOptions = {}): Promise<RebuildReport> {
    const [report] = await this.rebuildAll([name], options);
    return report!;
  }

  /**
   * Rebuilds the named projections (default: all) from zero in one pass over the events.
   * The events are applied in a staging database beside the process (see RebuildStage:
   * the same portable statements, on SQLite, without a round trip or a server-side
   * statement per row), page by page with the next page read while one is applied. At
   * the head the final rows are loaded into the shadow tables with COPY and their
   * secondary indexes built, each table and index on its own connection, before any lock;
   * then the last transaction — under every projection's batch lock, so the live projector
   * waits — applies the events appended since directly and swaps all the projections in
   * with their checkpoints. Stopped or failed, it drops the shadow tables and leaves the
   * live ones as they were.
   */
  async rebuildAll(
    names: readonly string[] = this.projections.map((p) => p.name),
    options: RebuildOptions = {},
  ): Promise<RebuildReport[]> {
    const projections = names.map((name) => findProjection(this.projections, name));
    if (projections.length === 0) return [];
    const guards: HeldLock[] = [];
    const stage = new RebuildStage(projections);
    try {
      for (const p of [...projections].sort((x, y) => x.name.localeCompare(y.name))) {
        const guard = await this.locks.try(advisoryKey(this.schema, p.name, 'rebuild'));
        if (!guard) throw new Error(`a rebuild of ${p.name} is already running`);
        guards.push(guard);
      }
      await this.transaction((c) =>
        c.query(
          batchText(
            projections.flatMap((p) => [
              ...dropTables(p, shadowTableNames(p)),
              ...createTables(p, shadowTableNames(p)),
            ]),
          ),
        ),
      );
      const pages = new PageReader(this.events);
      const report = await rebuildLoop({
        name: projections.map((p) => p.name).join(', '),
        total: await this.countAfter(START),
        batchSize: options.batchSize ?? this.batchSize,
        options,
        applyBatch: async (from, size, applied) => {
          const events = await pages.read(from, size);
          stage.apply(events);
          const to = events[events.length - 1]?.globalPosition ?? from;
          if (events.length === size) return { applied: events.length, to, done: false };
          // The tables side by side, then their indexes side by side: one server process
          // each, and the live projector is not held up by any of it.
          await settleAll(
            stage.tables().map((table) => this.transaction((client) => copyRows(client, table))),
          );
          await settleAll(
            projections
              .flatMap((p) => createIndexes(p, shadowTableNames(p)))
              .map((index) => this.withClient((client) => client.query(index.sql))),
          );
          const rest = await this.transaction((client) =>
            this.finishRebuild(client, projections, to, applied + events.length),
          );
          return { applied: events.length + rest.applied, to: rest.to, done: true };
        },
        abandon: () =>
          this.transaction(async (c) => {
            await c.query(
              batchText(projections.flatMap((p) => dropTables(p, shadowTableNames(p)))),
            );
          }),
      });
      return projections.map((p) => ({ ...report, name: p.name }));
    } finally {
      stage.close();
      for (const guard of guards) await guard.release();
    }
  }

  /**
   * Under the batch locks (the live projector waits), brings the shadow tables to the head
   * and swaps them in, with the checkpoints, in the caller's transaction.
   */
  private async finishRebuild(
    client: PoolClient,
    projections: readonly Projection[],
    from: Position,
    appliedBefore: number,
  ): Promise<{ applied: number; to: Position }> {
    // One lock order for every rebuild: two of them can never wait on each other.
    for (const p of [...projections].sort((x, y) => x.name.localeCompare(y.name))) {
      await this.lockBatches(client, p.name);
    }
    let to = from;
    let applied = 0;
    for (;;) {
      const events = await this.events.readAll({
        fromPosition: to,
        maxCount: this.batchSize,
      });
      if (events.length === 0) break;
      await client.query(shadowRowsText(projections, events));
      applied += events.length;
      to = events[events.length - 1]!.globalPosition;
    }
    const swap: SqlStatement[] = projections.flatMap((projection) => {
      const shadow = shadowTableNames(projection);
      const live = liveTableNames(projection);
      return [
        ...dropTables(projection, live),
        ...renameTables(projection, shadow, live),
        // PostgreSQL keeps the indexes' old names (the primary key's and those built on
        // the shadow table); give them the live ones so the next rebuild's shadow table can
        // use its names again.
        ...projection.tables.flatMap((t) =>
          ['pkey', ...(t.indexes ?? []).map((i) => i.name)].map((suffix) => ({
            sql: `ALTER INDEX IF EXISTS ${shadow[t.name]}_${suffix} RENAME TO ${live[t.name]}_${suffix}`,
            params: [],
          })),
        ),
        resetCheckpoint(
          projection.name,
          projection.version,
          to,
          appliedBefore + applied,
          this.now(),
        ),
      ];
    });
    await client.query(batchText(swap));
    return { applied, to };
  }

  async checkpoints(): Promise<Checkpoint[]> {
    return (await this.reader.query(SELECT_CHECKPOINTS)).map(toCheckpoint);
  }

  async status(now: Date): Promise<ProjectionStatus[]> {
    const checkpoints = await this.checkpoints();
    const head = await this.events.headPosition();
    const statuses: ProjectionStatus[] = [];
    for (const p of this.projections) {
      const checkpoint = checkpoints.find((c) => c.name === p.name);
      if (!checkpoint) continue;
      const after = { fromPosition: checkpoint.position, maxCount: 1 };
      const [oldestPending] = await this.events.readAll(after);
      const lagEvents = await this.countAfter(checkpoint.position);
      statuses.push(projectionStatus(p, checkpoint, { head, lagEvents, oldestPending }, now));
    }
    return statuses;
  }

  async readConsistent(name: string, sql: string) {
    findProjection(this.projections, name);
    return this.transaction(async (client) => {
      await client.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY');
      const checkpoint = await this.checkpointOf(client, name);
      const rows = (await client.query<SqlRow>(sql)).rows;
      return { checkpoint, rows };
    });
  }

  /** Holds the projection's leader lock for as long as the returned handle is not released. */
  tryLead(name: string): Promise<HeldLock | undefined> {
    return this.locks.try(advisoryKey(this.schema, name, 'leader'));
  }

  async close(): Promise<void> {
    await this.locks.close();
    await this.pool.end();
  }

  private async countAfter(p: Position): Promise<number> {
    if (this.events !== this.options.store) return countByReading(this.events, p);
    const result = await this.withClient((client) =>
      client.query<{ n: string }>(
        `SELECT count(*) AS n FROM events WHERE (transaction_id, seq) > ($1::text::xid8, $2::bigint)`,
        [p.commit.toString(), p.prepare.toString()],
      ),
    );
    return Number(result.rows[0]?.n ?? 0);
  }

  private async lockBatches(client: PoolClient, name: string): Promise<void> {
    await client.query('SELECT pg_advisory_xact_lock($1::bigint)', [
      advisoryKey(this.schema, name, 'batch'),
    ]);
  }

  private async checkpointOf(client: PoolClient, name: string): Promise<Position> {
    const row = (await client.query<SqlRow>(numberPlaceholders(SELECT_CHECKPOINT), [name])).rows[0];
    if (!row) throw new Error(`projection ${name} has no checkpoint; call init() first`);
    return toCheckpoint(row).position;
  }

  /**
   * A pooled connection whose search path is the store's schema, so the portable SQL's
   * unqualified table names land there. Set once per connection (not by a startup
   * parameter: not every server honours one).
   */
  private async connect(): Promise<PoolClient> {
    const client = await this.pool.connect();
    if (!this.prepared.has(client)) {
      try {
        await client.query(`SET search_path TO "${this.schema}"`);
      } catch (error) {
        client.release(error as Error);
        throw error;
      }
      this.prepared.add(client);
    }
    return client;
  }

  private async withClient<T>(work: (client: PoolClient) => Promise<T>): Promise<T> {
    const client = await this.connect();
    try {
      return await work(client);
    } finally {
      client.release();
    }
  }

  private async transaction<T>(work: (client: PoolClient) => Promise<T>): Promise<T> {
    const client = await this.connect();
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }
}

/** Every projection's rows for a batch, into its shadow tables, as one query's text. */
function shadowRowsText(projections: readonly Projection[], events: readonly RecordedEvent[]) {
  return batchText(
    projections.flatMap((p) => mergeInserts(pageStatements(p, events, shadowTableNames(p)))),
  );
}

/**
 * Waits for every one of them, then fails with the first failure: the rebuild's clean-up
 * (dropping the shadow tables) must not start while a load or an index build still runs.
 */
async function settleAll(work: readonly Promise<unknown>[]): Promise<void> {
  const failed = (await Promise.allSettled(work)).find((r) => r.status === 'rejected');
  if (failed) throw failed.reason;
}

/** Past this many events, a lag count read through the event store stops counting. */
const MAX_COUNTED = 100_000;

/**
 * Counts events after `from` on a store that has no count query (EventStoreDB), reading
 * them page by page; stops at {@link MAX_COUNTED} so a status call stays cheap.
 */
async function countByReading(events: EventStore, from: Position): Promise<number> {
  let counted = 0;
  for (let at = from; counted < MAX_COUNTED;) {
    const page = await events.readAll({ fromPosition: at, maxCount: 1000 });
    counted += page.length;
    if (page.length < 1000) break;
    at = page[page.length - 1]!.globalPosition;
  }
  return Math.min(counted, MAX_COUNTED);
}

/** The position every one of `names` has in `rows` (checkpoint rows), or undefined if they differ. */
function commonPosition(rows: readonly SqlRow[], names: readonly string[]): Position | undefined {
  const byName = new Map(rows.map((row) => [String(row['name']), toCheckpoint(row).position]));
  const positions = names.map((name) => {
    const position = byName.get(name);
    if (!position) throw new Error(`projection ${name} has no checkpoint; call init() first`);
    return position;
  });
  const [first] = positions;
  return positions.every((p) => comparePositions(p, first!) === 0) ? first : undefined;
}
