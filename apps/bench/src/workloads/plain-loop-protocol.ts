import type { ProcessCost } from '../process-cost';

/** Messages between the bench and its plain-loop process (`--workload plain`), over fork's IPC. */

export interface PlainLoopJob {
  readonly type: 'assign';
  readonly pgUrl: string;
  /** A fresh schema the process creates its one table in; the bench drops it. */
  readonly schema: string;
  readonly poolSize: number;
  readonly accounts: readonly string[];
  readonly ops: number;
  readonly concurrency: number;
}

export interface PlainLoopReport {
  readonly type: 'done';
  readonly elapsedMs: number;
  readonly latencies: number[];
  /** The loop process's own CPU over the timed stretch, per command. */
  readonly cost: ProcessCost;
}

export type ToPlainLoop = PlainLoopJob | { readonly type: 'go' };
export type FromPlainLoop =
  | { readonly type: 'ready' }
  | PlainLoopReport
  | { readonly type: 'failed'; readonly error: string };
