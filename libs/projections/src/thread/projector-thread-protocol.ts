/** Messages between a {@link ProjectorThread} and its worker (projector-worker.ts). */

import type { VerifySource } from '@account-ops/event-store';

/** What the worker runs. */
export interface ProjectorThreadJob {
  /** The same PostgreSQL store, opened on connections of its own. */
  readonly source: Extract<VerifySource, { kind: 'postgres' }>;
  /** Names of default projections the worker runs (functions cannot cross threads). */
  readonly projections: readonly string[];
  readonly batchSize?: number;
  readonly pollIntervalMs?: number;
  /**
   * Two Int32s: {@link COMMITS}, which the main thread bumps after each local commit, and
   * {@link WAITING}, 1 while the worker waits on it (the main thread then also notifies).
   * A message per commit costs the committing thread a structured clone and a queue hop;
   * this costs an atomic add.
   */
  readonly wake: SharedArrayBuffer;
}

/** Index of the commit counter in `wake`. */
export const COMMITS = 0;
/** Index of the worker's "waiting on the counter" flag in `wake`. */
export const WAITING = 1;

export type ToProjectorWorker = { readonly type: 'stop' };

export type FromProjectorWorker =
  | { readonly type: 'started' }
  /** A batch failed (the projector retries it); the message only, errors do not clone well. */
  | { readonly type: 'batch-failed'; readonly message: string };
