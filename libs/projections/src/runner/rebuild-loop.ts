import { formatPosition, START, type Position } from '@account-ops/event-store';
import type { RebuildOptions, RebuildReport } from '../backend';
import { yieldToEventLoop } from './yield';

export interface BatchOutcome {
  readonly applied: number;
  readonly to: Position;
  /** The batch reached the head and swapped the rebuilt tables in. */
  readonly done: boolean;
}

export interface RebuildLoop {
  readonly name: string;
  readonly total: number;
  readonly batchSize: number;
  readonly options: RebuildOptions;
  applyBatch(from: Position, size: number, appliedSoFar: number): Promise<BatchOutcome>;
  /** Drops the half-built tables after a stop or a failure. */
  abandon(): Promise<void>;
}

export class RebuildAborted extends Error {
  readonly code = 'REBUILD_ABORTED';
  constructor(readonly projection: string) {
    super(`rebuild of ${projection} stopped; the live read model is unchanged`);
    this.name = 'RebuildAborted';
  }
}

/** Drives a rebuild batch by batch, reporting progress, until a batch swaps the tables in. */
export async function rebuildLoop(loop: RebuildLoop): Promise<RebuildReport> {
  const started = Date.now();
  let from = START;
  let applied = 0;
  try {
    for (;;) {
      if (loop.options.signal?.aborted) throw new RebuildAborted(loop.name);
      const batch = await loop.applyBatch(from, loop.batchSize, applied);
      applied += batch.applied;
      from = batch.to;
      loop.options.onProgress?.({ name: loop.name, applied, total: Math.max(loop.total, applied) });
      if (batch.done) break;
      await yieldToEventLoop();
    }
  } catch (error) {
    await loop.abandon();
    throw error;
  }
  return {
    name: loop.name,
    eventsApplied: applied,
    checkpoint: formatPosition(from),
    elapsedMs: Date.now() - started,
  };
}
