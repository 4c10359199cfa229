/** Messages between a {@link ProjectorThread} and its worker (projector-worker.ts). */

/** What the worker opens: the same PostgreSQL store, on connections of its own. */
export interface ProjectorThreadJob {
  readonly connectionString: string;
  readonly schema?: string;
  /** Names of default projections the worker runs (functions cannot cross threads). */
  readonly projections: readonly string[];
  readonly batchSize?: number;
  readonly pollIntervalMs?: number;
  /**
   * One Int32 the main thread bumps (and `Atomics.notify`s) after each local commit; the
   * worker waits on it. A message per commit costs the committing thread a structured
   * clone and a queue hop; this costs an atomic add.
   */
  readonly wake: SharedArrayBuffer;
}

export type ToProjectorWorker = { readonly type: 'stop' };

export type FromProjectorWorker =
  | { readonly type: 'started' }
  /** A batch failed (the projector retries it); the message only, errors do not clone well. */
  | { readonly type: 'batch-failed'; readonly message: string };
