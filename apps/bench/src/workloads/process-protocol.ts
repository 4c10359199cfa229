/** Messages between the bench and its engine processes (`--processes`), over fork's IPC. */

/** What one engine process runs: its accounts and the shared ones, on the run's schema. */
export interface ProcessAssignment {
  readonly type: 'assign';
  readonly index: number;
  readonly pgUrl: string;
  readonly schema: string;
  readonly poolSize: number;
  readonly own: readonly string[];
  readonly shared: readonly string[];
  readonly ops: number;
  readonly concurrency: number;
}

export interface ProcessReport {
  readonly type: 'done';
  readonly commands: number;
  readonly elapsedMs: number;
  readonly latencies: number[];
  /** Re-decisions after an append lost to another writer (WrongExpectedVersion). */
  readonly retries: number;
  /** Commands that gave up after every retry (ConcurrencyConflict: a 409 to an API client). */
  readonly gaveUp: number;
}

export type ToProcess = ProcessAssignment | { readonly type: 'go' };
export type FromProcess =
  { readonly type: 'ready' } | ProcessReport | { type: 'failed'; error: string };
