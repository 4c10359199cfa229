import type { EventStore } from '../port/event-store';
import { workerSource } from '../support/worker-source';
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
 * The catch-up the API runs beside the commands, decided here for every store: in a
 * worker thread with its own connection where the store can be opened twice (SQLite file,
 * PostgreSQL), so the appends' thread neither reads the new events' leaf fields nor
 * hashes and encodes tiles; on `log`'s thread otherwise. Either writes the same tree
 * (tiles are a pure function of the events).
 */
export function openTreeCatchUp(store: EventStore, log: MerkleLog): TreeCatchUp {
  const source = workerSource(store);
  return source ? new WorkerTreeCatchUp(source) : new InThreadTreeCatchUp(log);
}
