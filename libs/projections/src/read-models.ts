import type { Database } from 'better-sqlite3';
import {
  loadBetterSqlite3,
  MemoryEventStore,
  PostgresEventStore,
  SplitEventStore,
  SqliteEventStore,
  type EventStore,
  workerSource,
} from '@account-ops/event-store';
import type { ProjectionBackend, ProjectionStatus, RebuildOptions, RebuildReport } from './backend';
import type { ProjectionMode } from './checkpoints/checkpoint';
import { checkBalances, type BalanceCheckReport } from './consistency/balance-check';
import { PostgresProjectionBackend } from './postgres/postgres-projection-backend';
import type { Projection } from './projection';
import type { ReadModelReader } from './read-model-reader';
import { Projector } from './runner/projector';
import { SqliteProjectionBackend } from './sqlite/sqlite-projection-backend';
import { DEFAULT_PROJECTIONS } from './default-projections';
import { ProjectorThread } from './thread/projector-thread';

export interface ReadModelsOptions {
  readonly projections: readonly Projection[];
  /**
   * `inline` (SQLite only): rows change in the append's own transaction, so a reader sees
   * its writes. `async`: a background projector follows the store. Default: inline on
   * SQLite, async elsewhere.
   */
  readonly mode?: ProjectionMode;
  readonly now?: () => Date;
  readonly batchSize?: number;
  readonly pollIntervalMs?: number;
  readonly onError?: (error: unknown) => void;
  /**
   * PostgreSQL, async: run the projector in a worker thread that opens its own
   * connections to the same store (`workerSource`: a store opened from a connection
   * string), so that projecting does not take turns with the commands on this thread.
   * Only the default projections (the worker finds them by name). Queries, status and
   * rebuilds stay on this thread.
   */
  readonly projectorThread?: boolean;
}

/** The read side of one store: queries, the projector, and the operations on it. */
export interface ReadModels {
  readonly mode: ProjectionMode;
  readonly reader: ReadModelReader;
  readonly backend: ProjectionBackend;
  /** Creates tables, catches up, then runs inline or starts the background projector. */
  start(): Promise<void>;
  /** Tells an async projector that this process committed; a no-op inline. */
  notifyCommitted(): void;
  /** Brings every projection up to the head now (tests, tools). */
  catchUp(): Promise<number>;
  status(): Promise<ProjectionStatus[]>;
  rebuild(name: string, options?: RebuildOptions): Promise<RebuildReport>;
  checkBalances(): Promise<BalanceCheckReport>;
  /** Stops the projector and the inline hook; the store stays open. */
  stop(): Promise<void>;
}

export class InlineProjectionsUnsupported extends Error {
  readonly code = 'INLINE_PROJECTIONS_UNSUPPORTED';
  constructor() {
    super('inline projections need the SQLite store; use mode async');
    this.name = 'InlineProjectionsUnsupported';
  }
}

/** Read models beside the store's events (SQLite, PostgreSQL) or in memory (memory store). */
export function openReadModels(store: EventStore, options: ReadModelsOptions): ReadModels {
  const now = options.now ?? (() => new Date());
  const common = { projections: options.projections, now, batchSize: options.batchSize };
  let backend: ProjectionBackend;
  let privateDb: Database | undefined;
  if (store instanceof SqliteEventStore) {
    backend = new SqliteProjectionBackend({ ...common, db: store.db, source: store });
  } else if (store instanceof PostgresEventStore) {
    backend = new PostgresProjectionBackend({ ...common, store });
  } else if (store instanceof SplitEventStore && store.records instanceof PostgresEventStore) {
    // Events from EventStoreDB, rows and checkpoints in the PostgreSQL read store.
    backend = new PostgresProjectionBackend({ ...common, store: store.records, events: store });
  } else if (store instanceof MemoryEventStore) {
    const Sqlite = loadBetterSqlite3();
    privateDb = new Sqlite(':memory:');
    backend = new SqliteProjectionBackend({ ...common, db: privateDb, source: store });
  } else {
    throw new Error(
      'read models need a memory, SQLite or PostgreSQL store, or a split store whose read store is PostgreSQL',
    );
  }
  const mode = options.mode ?? (store instanceof SqliteEventStore ? 'inline' : 'async');
  if (mode === 'inline' && !(store instanceof SqliteEventStore)) {
    throw new InlineProjectionsUnsupported();
  }
  const projector = options.projectorThread
    ? projectorThread(store, mode, options)
    : new Projector(backend, { pollIntervalMs: options.pollIntervalMs, onError: options.onError });
  const catchUpAll = async () => {
    let applied = 0;
    for (const p of options.projections) applied += await backend.catchUp(p.name);
    return applied;
  };
  return {
    mode,
    backend,
    reader: backend.reader,
    start: async () => {
      await backend.init();
      await catchUpAll();
      if (mode === 'inline') {
        const sqlite = backend as SqliteProjectionBackend;
        const sqliteStore = store as SqliteEventStore;
        // The last events and the hook go in together: no append can fall between.
        sqlite.drainAndSetMode('inline', () =>
          sqliteStore.setAppendHook({ statementsFor: (events) => sqlite.inlineStatements(events) }),
        );
      } else {
        if (backend instanceof SqliteProjectionBackend) backend.drainAndSetMode('async', () => {});
        await projector.start();
      }
    },
    notifyCommitted: () => {
      if (mode === 'async') projector.kick();
    },
    catchUp: catchUpAll,
    status: () => backend.status(now()),
    rebuild: (name, rebuildOptions) => backend.rebuild(name, rebuildOptions),
    checkBalances: () => checkBalances(backend, store),
    stop: async () => {
      if (store instanceof SqliteEventStore && mode === 'inline') store.setAppendHook(undefined);
      await projector.stop();
      await backend.close();
      privateDb?.close();
    },
  };
}

class ProjectorThreadUnsupported extends Error {
  readonly code = 'PROJECTOR_THREAD_UNSUPPORTED';
  constructor(why: string) {
    super(`a projector thread needs ${why}`);
    this.name = 'ProjectorThreadUnsupported';
  }
}

function projectorThread(
  store: EventStore,
  mode: ProjectionMode,
  options: ReadModelsOptions,
): ProjectorThread {
  const source = workerSource(store);
  if (source?.kind !== 'postgres' || mode !== 'async') {
    throw new ProjectorThreadUnsupported(
      'a PostgreSQL store opened from a connection string, and async projections',
    );
  }
  if (!options.projections.every((p) => DEFAULT_PROJECTIONS.includes(p))) {
    throw new ProjectorThreadUnsupported('the default projections (found there by name)');
  }
  return new ProjectorThread(
    {
      source,
      projections: options.projections.map((p) => p.name),
      ...(options.batchSize ? { batchSize: options.batchSize } : {}),
      ...(options.pollIntervalMs ? { pollIntervalMs: options.pollIntervalMs } : {}),
    },
    { onError: options.onError },
  );
}
