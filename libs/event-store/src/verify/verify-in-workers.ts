import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { workerEntry } from '../support/worker-entry';
import type { BrokenChain, ChunkResult, VerifySource } from './verify-source';

export interface VerifyInWorkersOptions {
  /** Worker threads (default: one per core). */
  readonly workers?: number;
  /** Streams a worker is handed at a time (default 32): long streams even out. */
  readonly chunkSize?: number;
  /** After each chunk: events checked so far. */
  readonly onProgress?: (events: number) => void;
  /** Stops handing out chunks; the call then rejects with `signal.reason`. */
  readonly signal?: AbortSignal;
}

export interface StoreVerification {
  readonly events: number;
  /** In the order of the stream ids given. */
  readonly broken: BrokenChain[];
}

/**
 * Walks the hash chain of every stream in `streamIds` in worker threads, each with its own
 * connection to the store, so reading, canonical JSON and SHA-256 run on every core. The
 * hash definition is verifyStream's (one stream is always walked by one worker, from its
 * first event); the streams are handed out in chunks as workers become free.
 */
export async function verifyStreamsInWorkers(
  source: VerifySource,
  streamIds: readonly string[],
  options: VerifyInWorkersOptions = {},
): Promise<StoreVerification> {
  const chunkSize = options.chunkSize ?? 32;
  const chunks: string[][] = [];
  for (let i = 0; i < streamIds.length; i += chunkSize) {
    chunks.push(streamIds.slice(i, i + chunkSize));
  }
  const count = Math.max(1, Math.min(options.workers ?? availableParallelism(), chunks.length));
  const results = new Array<ChunkResult>(chunks.length);
  let next = 0;
  let events = 0;
  const workers = Array.from({ length: count }, () => startWorker(source));
  try {
    await Promise.all(
      workers.map(async (worker) => {
        while (next < chunks.length) {
          options.signal?.throwIfAborted();
          const index = next++;
          results[index] = await worker.verify(chunks[index]!);
          events += results[index].events;
          options.onProgress?.(events);
        }
      }),
    );
  } finally {
    await Promise.all(workers.map((w) => w.stop()));
  }
  return { events, broken: results.flatMap((r) => r.broken) };
}

function startWorker(source: VerifySource) {
  const { file, execArgv } = workerEntry(__filename, __dirname, 'verify-worker');
  const worker = new Worker(file, { workerData: source, execArgv });
  let failure: Error | undefined;
  let pending: { resolve: (r: ChunkResult) => void; reject: (e: Error) => void } | undefined;
  const fail = (error: Error) => {
    failure ??= error;
    pending?.reject(error);
    pending = undefined;
  };
  // What a worker throws arrives as a copy, which may not be an Error of this realm.
  worker.on('error', (error: unknown) =>
    fail(new Error(`verification worker failed: ${(error as Error)?.message ?? String(error)}`)),
  );
  worker.on('exit', (code) => fail(new Error(`verification worker exited (${code})`)));
  worker.on(
    'message',
    (message: { ok: true; result: ChunkResult } | { ok: false; error: string }) => {
      const settle = pending;
      pending = undefined;
      if (message.ok) settle?.resolve(message.result);
      else settle?.reject(new Error(message.error));
    },
  );
  return {
    verify(streamIds: string[]): Promise<ChunkResult> {
      if (failure) return Promise.reject(failure);
      return new Promise((resolve, reject) => {
        pending = { resolve, reject };
        worker.postMessage(streamIds);
      });
    },
    async stop(): Promise<void> {
      if (failure) return void (await worker.terminate());
      const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
      worker.postMessage(null);
      await exited;
    },
  };
}
