import {
  comparePositions,
  formatPosition,
  type Position,
  type RecordedEvent,
} from '@account-ops/event-store';
import type { ProjectionStatus } from '../backend';
import type { Checkpoint } from '../checkpoints/checkpoint';
import type { Projection } from '../projection';

export interface LagFacts {
  readonly head: Position;
  readonly lagEvents: number;
  /** The first event after the checkpoint, if any. */
  readonly oldestPending: RecordedEvent | undefined;
}

/** Combines a stored checkpoint with what the store says lies after it. */
export function projectionStatus(
  projection: Projection,
  checkpoint: Checkpoint,
  lag: LagFacts,
  now: Date,
): ProjectionStatus {
  const pendingSince = lag.oldestPending && Date.parse(lag.oldestPending.metadata.occurredAt);
  const caughtUp = comparePositions(checkpoint.position, lag.head) >= 0 || lag.lagEvents === 0;
  return {
    name: projection.name,
    version: projection.version,
    mode: checkpoint.mode,
    stale: checkpoint.version !== projection.version,
    checkpoint: formatPosition(checkpoint.position),
    head: formatPosition(lag.head),
    lagEvents: caughtUp ? 0 : lag.lagEvents,
    lagSeconds: caughtUp || !pendingSince ? 0 : Math.max(0, (now.getTime() - pendingSince) / 1000),
    eventsApplied: checkpoint.eventsApplied,
    updatedAt: checkpoint.updatedAt,
  };
}
