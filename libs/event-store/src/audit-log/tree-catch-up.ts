import type { EventStore } from '../port/event-store';
import { PostgresEventStore } from '../postgres/postgres-event-store';
import { SqliteEventStore } from '../sqlite/sqlite-event-store';
import type { VerifySource } from '../verify/verify-source';
import { WorkerTreeCatchUp } from './catch-up-worker';
import type { MerkleLog, TreeState } from './merkle-log';

/** What extends the Merkle log with the events committed since: on this thread or a worker. */
export interface TreeCatchUp {
  /** Appends every event committed since the last catch-up; answers the new state. */
  catchUp(): Promise<TreeState>;
  /** Stops the catch-up's worker, if it has one (after the call in flight). */
  close(): Promise<void>;
}

/** The catch-up on the caller's thread: {@link MerkleLog.catchUp} itself. */
export class InThreadTreeCatchUp implements TreeCatchUp {
  constructor(private readonly log: MerkleLog) {}

  catchUp(): Promise<TreeState> {
    return this.log.catchUp();
  }

  async close(): Promise<void> {}
}

/**
 * How a worker thread opens `store` on its own connection, or undefined where none can:
 * memory stores (nothing to share), SQLite in memory, a PostgreSQL store on a pool it
 * was handed without a connection string, the split store (events in EventStoreDB).
 */
export function treeWorkerSource(store: EventStore): VerifySource | undefined {
  if (store instanceof SqliteEventStore) {
    const { filename } = store;
    return filename === '' || filename === ':memory:' || filename.startsWith('file:')
      ? undefined
      : { kind: 'sqlite', filename };
  }
  if (store instanceof PostgresEventStore) {
    const { connectionString } = store.connectionPool.options;
    return typeof connectionString === 'string'
      ? { kind: 'postgres', connectionString, schema: store.schemaName }
      : undefined;
  }
  return undefined;
}

/**
 * The catch-up the API runs beside the commands, decided here for every store: in a
 * worker thread with its own connection where the store can be opened twice (SQLite file,
 * PostgreSQL), so the appends' thread neither reads the new events' leaf fields nor
 * hashes and encodes tiles; on `log`'s thread otherwise. Either writes the same tree
 * (tiles are a pure function of the events).
 */
export function openTreeCatchUp(store: EventStore, log: MerkleLog): TreeCatchUp {
  const source = treeWorkerSource(store);
  return source ? new WorkerTreeCatchUp(source) : new InThreadTreeCatchUp(log);
}
