import type { RecordedEvent } from './envelope';
import type { ReadAllOptions } from './event-store';
import type { Position } from './position';

/**
 * Synchronous reads of the global order, offered by the in-process stores (SQLite,
 * memory). A SQLite read model reads its next batch inside its own synchronous
 * transaction with these, so no append can commit between the read and the checkpoint.
 */
export interface SyncEventSource {
  readAllSync(options?: ReadAllOptions): RecordedEvent[];
  headPositionSync(): Position;
  /** How many events lie strictly after the position. */
  countEventsAfterSync(after: Position): number;
}
