import { comparePositions, type Position, START } from '../port/position';
import { START as ESDB_START, type EsdbPosition } from './esdb-client';

// EventStoreDB's log position is the same {commit, prepare} bigint pair as ours, ordered
// the same way (commit, then prepare), so the mapping is a copy; it exists so that no
// client object leaks into what callers keep as checkpoints.

/** Our position for an EventStoreDB log position (a copy of both halves). */
export function fromEsdbPosition(position: EsdbPosition): Position {
  return { commit: position.commit, prepare: position.prepare };
}

/** The EventStoreDB log position for one of ours. */
export function toEsdbPosition(position: Position): EsdbPosition {
  return { commit: position.commit, prepare: position.prepare };
}

/** Our START (or no checkpoint) is "before everything": the client's START. */
export function isStart(checkpoint: Position | undefined): boolean {
  return checkpoint === undefined || comparePositions(checkpoint, START) === 0;
}

/**
 * Where a read or subscription starts for a checkpoint. EventStoreDB's `fromPosition` may
 * include the event at that position (readAll does), so callers drop it with
 * {@link isAfterCheckpoint}.
 */
export function readPositionAfter(
  checkpoint: Position | undefined,
): EsdbPosition | typeof ESDB_START {
  return checkpoint === undefined || isStart(checkpoint) ? ESDB_START : toEsdbPosition(checkpoint);
}

/**
 * True for an event strictly after the checkpoint: our `fromPosition` is exclusive (a
 * reader passes back the position of the last event it handled), EventStoreDB's inclusive.
 */
export function isAfterCheckpoint(position: Position, checkpoint: Position | undefined): boolean {
  return (
    checkpoint === undefined || isStart(checkpoint) || comparePositions(position, checkpoint) > 0
  );
}
