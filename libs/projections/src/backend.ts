import type { Position } from '@account-ops/event-store';
import type { Checkpoint, ProjectionMode } from './checkpoints/checkpoint';
import type { Projection } from './projection';
import type { ReadModelReader, SqlRow } from './read-model-reader';

/** One projection's health, for `/ops/projections` and `projections status`. */
export interface ProjectionStatus {
  readonly name: string;
  readonly version: number;
  readonly mode: ProjectionMode;
  /** The stored rows were built by another projection version: a rebuild is due. */
  readonly stale: boolean;
  readonly checkpoint: string;
  readonly head: string;
  /** Events committed after the checkpoint. */
  readonly lagEvents: number;
  /** Age of the oldest event not yet projected; 0 when caught up. */
  readonly lagSeconds: number;
  readonly eventsApplied: number;
  readonly updatedAt: string;
}

export interface RebuildProgress {
  readonly name: string;
  readonly applied: number;
  /** Events in the store when the rebuild started (more may arrive while it runs). */
  readonly total: number;
}

export interface RebuildReport {
  readonly name: string;
  readonly eventsApplied: number;
  readonly checkpoint: string;
  readonly elapsedMs: number;
}

export interface CatchUpOptions {
  readonly batchSize?: number;
  /** Stop after this many batches even if more events wait (default: until caught up). */
  readonly maxBatches?: number;
}

export interface RebuildOptions {
  readonly batchSize?: number;
  readonly onProgress?: (progress: RebuildProgress) => void;
  /** Checked between batches: a stopped rebuild drops its shadow tables, leaving the live ones. */
  readonly signal?: AbortSignal;
}

/**
 * Where read models live and how batches are committed: SQLite (same file as the events,
 * or an in-memory database for the memory store) or PostgreSQL (same schema as the
 * events). Both keep rows and checkpoints in one transaction.
 */
export interface ProjectionBackend {
  readonly projections: readonly Projection[];
  readonly reader: ReadModelReader;
  /** Creates missing tables and checkpoints; rebuilds projections stored with another version. */
  init(): Promise<void>;
  /** Applies committed events after the checkpoint in batches; returns how many it applied. */
  catchUp(name: string, options?: CatchUpOptions): Promise<number>;
  /** Rebuilds from zero into fresh tables and swaps them in atomically. */
  rebuild(name: string, options?: RebuildOptions): Promise<RebuildReport>;
  checkpoints(): Promise<Checkpoint[]>;
  status(now: Date): Promise<ProjectionStatus[]>;
  /** Runs a query on one projection's rows together with its checkpoint, in one snapshot. */
  readConsistent(
    name: string,
    sql: string,
  ): Promise<{ readonly checkpoint: Position; readonly rows: SqlRow[] }>;
  close(): Promise<void>;
}

export class UnknownProjection extends Error {
  readonly code = 'UNKNOWN_PROJECTION';
  constructor(readonly projection: string) {
    super(`no projection named ${projection}`);
    this.name = 'UnknownProjection';
  }
}

export function findProjection(projections: readonly Projection[], name: string): Projection {
  const found = projections.find((p) => p.name === name);
  if (!found) throw new UnknownProjection(name);
  return found;
}
