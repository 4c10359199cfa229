import { Worker } from 'node:worker_threads';
import { parsePosition, START } from '../port/position';
import { workerEntry } from '../support/worker-entry';
import type { VerifySource } from '../verify/verify-source';
import type { CatchUpReply, CatchUpRequest } from './catch-up-protocol';
import type { TreeState } from './merkle-log';
import type { TreeCatchUp } from './tree-catch-up';

/** A catch-up that failed in the worker: its error's name and message, carried across. */
export class TreeCatchUpFailed extends Error {
  constructor(
    message: string,
    /** The error's name in the worker (MissingTreeData, a driver's error…). */
    readonly errorName?: string,
  ) {
    super(message);
    this.name = 'TreeCatchUpFailed';
  }
}

/** How {@link WorkerTreeCatchUp} runs its thread. */
export interface WorkerTreeCatchUpOptions {
  /** Leaves per tile write (MerkleLog's batch size, default 5000). */
  readonly batchSize?: number;
  /**
   * The thread's nice value on Linux (default 10: the catch-up yields the CPU to the
   * appends on a busy machine and takes it when they leave it idle; 0: the process's).
   */
  readonly nice?: number;
}

/** Linux nice value of the catch-up thread: below the commands, never starved outright. */
export const TREE_CATCH_UP_NICE = 10;

interface Running {
  readonly worker: Worker;
  readonly exited: Promise<void>;
  pending?: { resolve: (state: TreeState) => void; reject: (error: Error) => void };
}

/**
 * The Merkle log's catch-up in a worker thread (catch-up-thread.ts) with its own store
 * connection. One catch-up at a time; the thread starts on the first and lives until
 * {@link close}. A failed catch-up rejects (the caller retries on its next tick); a thread
 * that dies is replaced by the next catch-up. An idle thread is unref'd (it never keeps a
 * process alive on its own); one catching up is ref'd, so its answer is waited for.
 */
export class WorkerTreeCatchUp implements TreeCatchUp {
  private running: Running | undefined;
  /** Every thread not yet exited, the one in use and any that are ending. */
  private readonly threads = new Set<Running>();
  private queue: Promise<unknown> = Promise.resolve();
  private closed = false;
  private threadsStarted = 0;

  constructor(
    private readonly source: VerifySource,
    private readonly options: WorkerTreeCatchUpOptions = {},
  ) {}

  /** Threads started so far (a dead one is replaced on the next catch-up). */
  get started(): number {
    return this.threadsStarted;
  }

  catchUp(): Promise<TreeState> {
    const run = this.queue.then(() => this.catchUpOnce());
    this.queue = run.catch(() => undefined);
    return run;
  }

  private catchUpOnce(): Promise<TreeState> {
    if (this.closed) return Promise.reject(new Error('the tree catch-up is closed'));
    const running = (this.running ??= this.start());
    return new Promise((resolve, reject) => {
      running.pending = { resolve, reject };
      running.worker.ref();
      running.worker.postMessage('catch-up' satisfies CatchUpRequest);
    });
  }

  private start(): Running {
    const { file, execArgv } = workerEntry(__filename, __dirname, 'catch-up-thread');
    const worker = new Worker(file, {
      workerData: {
        source: this.source,
        batchSize: this.options.batchSize,
        nice: this.options.nice ?? TREE_CATCH_UP_NICE,
      },
      execArgv,
    });
    worker.unref();
    this.threadsStarted++;
    let exit!: () => void;
    const running: Running = { worker, exited: new Promise<void>((resolve) => (exit = resolve)) };
    const settle = () => {
      const pending = running.pending;
      running.pending = undefined;
      worker.unref();
      return pending;
    };
    worker.once('exit', (code) => {
      if (this.running === running) this.running = undefined;
      this.threads.delete(running);
      settle()?.reject(new TreeCatchUpFailed(`the tree catch-up worker exited (${code})`));
      exit();
    });
    this.threads.add(running);
    // What a worker throws arrives as a copy, which may not be an Error of this realm.
    worker.on('error', (error: unknown) => {
      const message = (error as Error)?.message ?? String(error);
      settle()?.reject(new TreeCatchUpFailed(`the tree catch-up worker failed: ${message}`));
    });
    worker.on('message', (reply: CatchUpReply) => {
      const pending = settle();
      if (reply.ok) {
        pending?.resolve({ size: reply.size, head: parsePosition(reply.head) ?? START });
      } else {
        // A thread that says it ends is not asked again, whether or not it has exited yet.
        if (reply.ended && this.running === running) this.running = undefined;
        pending?.reject(new TreeCatchUpFailed(reply.message, reply.name));
      }
    });
    return running;
  }

  /** Waits for the catch-up in flight, then ends the threads and their store connections. */
  async close(): Promise<void> {
    this.closed = true;
    await this.queue;
    await Promise.all(
      [...this.threads].map((thread) => {
        thread.worker.ref();
        thread.worker.postMessage(null satisfies CatchUpRequest);
        return thread.exited;
      }),
    );
  }
}
