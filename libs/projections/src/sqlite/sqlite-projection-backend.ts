import type { Database } from 'better-sqlite3';
import {
  SqlRunner,
  type Position,
  type RecordedEvent,
  type SqlStatement,
  type SyncEventSource,
} from '@account-ops/event-store';
import type {
  CatchUpOptions,
  ProjectionBackend,
  ProjectionStatus,
  RebuildOptions,
  RebuildReport,
} from '../backend';
import { findProjection } from '../backend';
import {
  advanceCheckpoints,
  CREATE_CHECKPOINT_TABLE,
  insertCheckpoint,
  SELECT_CHECKPOINT,
  SELECT_CHECKPOINTS,
  setMode,
  toCheckpoint,
  type Checkpoint,
  type ProjectionMode,
} from '../checkpoints/checkpoint';
import { liveTableNames, type Projection, type TableNames } from '../projection';
import { batchStatements, pageStatements } from '../runner/batch-statements';
import { projectionStatus } from '../runner/status';
import { createIndexes, createTables } from '../runner/table-ddl';
import { SqliteReadModelReader } from './sqlite-read-model-reader';
import { rebuildTogether } from './sqlite-rebuild';
import { yieldToEventLoop } from '../runner/yield';

export interface SqliteProjectionBackendOptions {
  /** Where the rows live: the event store's own database, or a private one. */
  readonly db: Database;
  /** The events, read synchronously inside the read model's transactions. */
  readonly source: SyncEventSource;
  readonly projections: readonly Projection[];
  readonly now?: () => Date;
  readonly batchSize?: number;
}

const DEFAULT_BATCH = 1000;

/**
 * Read models in SQLite. Every batch is one IMMEDIATE transaction that reads the
 * checkpoint, reads the next events and writes rows and checkpoint together; being
 * synchronous, nothing else on the connection can run in between.
 */
export class SqliteProjectionBackend implements ProjectionBackend {
  readonly projections: readonly Projection[];
  readonly reader: SqliteReadModelReader;
  private readonly runner: SqlRunner;
  private readonly now: () => Date;
  private readonly batchSize: number;
  /** Worked out once: the inline hook runs on every append. */
  private readonly inline: readonly { projection: Projection; live: TableNames }[];

  constructor(private readonly options: SqliteProjectionBackendOptions) {
    this.projections = options.projections;
    this.reader = new SqliteReadModelReader(options.db);
    this.runner = new SqlRunner(options.db);
    this.now = options.now ?? (() => new Date());
    this.batchSize = options.batchSize ?? DEFAULT_BATCH;
    this.inline = options.projections.map((projection) => ({
      projection,
      live: liveTableNames(projection),
    }));
  }

  async init(): Promise<void> {
    const now = this.now();
    this.immediate(() => {
      this.ddl([{ sql: CREATE_CHECKPOINT_TABLE, params: [] }]);
      for (const p of this.projections) {
        const live = liveTableNames(p);
        this.ddl([...createTables(p, live), ...createIndexes(p, live)]);
        this.runner.run([insertCheckpoint(p.name, p.version, now)]);
      }
    });
    const checkpoints = await this.checkpoints();
    const stale = this.projections.filter(
      (p) => checkpoints.find((c) => c.name === p.name)?.version !== p.version,
    );
    // One pass over the events for all of them (a new release often bumps several).
    await this.rebuildAll(stale.map((p) => p.name));
  }

  async catchUp(name: string, options: CatchUpOptions = {}): Promise<number> {
    const projection = findProjection(this.projections, name);
    const size = options.batchSize ?? this.batchSize;
    let applied = 0;
    for (let batches = 1; ; batches++) {
      const n = this.immediate(() => this.applyNextBatch(projection, size));
      applied += n;
      if (n < size || batches === options.maxBatches) return applied;
      await yieldToEventLoop();
    }
  }

  /** Catches up, then applies the rest and switches mode in one synchronous transaction. */
  drainAndSetMode(mode: ProjectionMode, afterwards: () => void): void {
    this.immediate(() => {
      for (const p of this.projections) {
        while (this.applyNextBatch(p, this.batchSize) === this.batchSize);
        this.runner.run([setMode(p.name, mode, this.now())]);
      }
      afterwards();
    });
  }

  /**
   * What the appends must also write while the projections run inline: every
   * projection's rows for their events (one append's, or a whole group commit's), and
   * one statement moving all their checkpoints to the last. Through the batch fold, which
   * writes a row once however many of the events change it.
   */
  inlineStatements(events: readonly RecordedEvent[]): SqlStatement[] {
    const last = events[events.length - 1];
    if (!last) return [];
    const statements: SqlStatement[] = [];
    for (const { projection, live } of this.inline) {
      for (const statement of pageStatements(projection, events, live)) statements.push(statement);
    }
    const names = this.inline.map(({ projection }) => projection.name);
    statements.push(advanceCheckpoints(names, last.globalPosition, events.length, this.now()));
    return statements;
  }

  async rebuild(name: string, options: RebuildOptions = {}): Promise<RebuildReport> {
    const [report] = await this.rebuildAll([name], options);
    return report!;
  }

  /**
   * Rebuilds the named projections (default: all) from zero in one pass over the events,
   * swapping all of them in with one transaction (see {@link rebuildTogether}). Progress
   * and the stop signal concern the whole pass; every report has the pass's figures.
   */
  async rebuildAll(
    names: readonly string[] = this.projections.map((p) => p.name),
    options: RebuildOptions = {},
  ): Promise<RebuildReport[]> {
    const projections = names.map((name) => findProjection(this.projections, name));
    if (projections.length === 0) return [];
    return rebuildTogether(
      {
        source: this.options.source,
        runner: this.runner,
        now: this.now,
        immediate: (work) => this.immediate(work),
        unsynced: (work) => this.unsynced(work),
        ddl: (statements) => this.ddl(statements),
      },
      projections,
      options.batchSize ?? this.batchSize,
      options,
    );
  }

  async checkpoints(): Promise<Checkpoint[]> {
    return this.reader.all(SELECT_CHECKPOINTS).map(toCheckpoint);
  }

  async status(now: Date): Promise<ProjectionStatus[]> {
    const { source } = this.options;
    const checkpoints = await this.checkpoints();
    return this.projections.flatMap((p) => {
      const checkpoint = checkpoints.find((c) => c.name === p.name);
      if (!checkpoint) return [];
      const after = { fromPosition: checkpoint.position, maxCount: 1 };
      return projectionStatus(
        p,
        checkpoint,
        {
          head: source.headPositionSync(),
          lagEvents: source.countEventsAfterSync(checkpoint.position),
          oldestPending: source.readAllSync(after)[0],
        },
        now,
      );
    });
  }

  async readConsistent(name: string, sql: string) {
    findProjection(this.projections, name);
    // A deferred read transaction: one WAL snapshot for the checkpoint and the rows.
    return this.options.db.transaction(() => ({
      checkpoint: this.checkpointOf(name).position,
      rows: this.reader.all(sql),
    }))();
  }

  async close(): Promise<void> {
    // The database belongs to whoever opened it (the event store, or the read-model facade).
  }

  private applyNextBatch(projection: Projection, size: number): number {
    const from: Position = this.checkpointOf(projection.name).position;
    const events = this.options.source.readAllSync({ fromPosition: from, maxCount: size });
    this.runner.run(batchStatements(projection, events, liveTableNames(projection), this.now()));
    return events.length;
  }

  private checkpointOf(name: string): Checkpoint {
    const row = this.reader.all(SELECT_CHECKPOINT, [name])[0];
    if (!row) throw new Error(`projection ${name} has no checkpoint; call init() first`);
    return toCheckpoint(row);
  }

  private immediate<T>(work: () => T): T {
    return this.options.db.transaction(work).immediate();
  }

  /**
   * `synchronous = NORMAL` for `work` when the database is in WAL mode and syncs more:
   * its commits then skip the fsync, and stay atomic; the next FULL commit makes them
   * durable. Outside WAL (an in-memory database) the setting is left alone.
   */
  private unsynced<T>(work: () => T): T {
    const { db } = this.options;
    const level = db.pragma('synchronous', { simple: true }) as number;
    if (level <= 1 || db.pragma('journal_mode', { simple: true }) !== 'wal') return work();
    db.pragma('synchronous = NORMAL');
    try {
      return work();
    } finally {
      db.pragma(`synchronous = ${level}`);
    }
  }

  /** Schema changes are not worth a cached statement. */
  private ddl(statements: readonly SqlStatement[]): void {
    for (const s of statements) this.options.db.prepare(s.sql).run(...s.params);
  }
}
