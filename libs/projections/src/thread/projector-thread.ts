import { workerEntry } from '@account-ops/event-store';
import { Worker } from 'node:worker_threads';
import {
  COMMITS,
  type FromProjectorWorker,
  type ProjectorThreadJob,
  type ToProjectorWorker,
  WAITING,
} from './projector-thread-protocol';

export interface ProjectorThreadOptions {
  /** Batch failures and worker crashes; the worker retries batches, a crash restarts it. */
  readonly onError?: (error: unknown) => void;
  /** Wait before a crashed worker is started again (default 1000 ms). */
  readonly restartDelayMs?: number;
}

/**
 * The async projector in a worker thread with its own connections to the same PostgreSQL
 * store: reading the events, parsing them, folding rows and writing them run beside the
 * thread that serves commands, instead of in between its commands. Same surface as
 * Projector (start, kick, stop); everything else about the read models (queries, status,
 * rebuilds) stays in the calling thread, on its own connections.
 */
export class ProjectorThread {
  private worker: Worker | undefined;
  private stopped = true;
  /** Bumped after each local commit; the worker waits on it (see ProjectorThreadJob.wake). */
  private readonly wake = new Int32Array(new SharedArrayBuffer(8));
  private restart: NodeJS.Timeout | undefined;
  private exited: Promise<void> = Promise.resolve();

  constructor(
    private readonly job: Omit<ProjectorThreadJob, 'wake'>,
    private readonly options: ProjectorThreadOptions = {},
  ) {}

  /** Starts the worker; resolves once its connections are open (rejects if they cannot be). */
  start(): Promise<void> {
    if (!this.stopped) return Promise.resolve();
    this.stopped = false;
    return this.spawn();
  }

  /** Counts a commit for the worker; wakes it only if it is waiting (no message either way). */
  kick(): void {
    if (this.stopped) return;
    Atomics.add(this.wake, COMMITS, 1);
    if (Atomics.compareExchange(this.wake, WAITING, 1, 0) === 1) {
      Atomics.notify(this.wake, COMMITS);
    }
  }

  /** Lets the worker finish its batch, close its connections and exit. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.restart);
    this.post({ type: 'stop' });
    await this.exited;
  }

  private post(message: ToProjectorWorker): void {
    this.worker?.postMessage(message);
  }

  private spawn(): Promise<void> {
    const { file, execArgv } = workerEntry(__filename, __dirname, 'projector-worker');
    const job: ProjectorThreadJob = { ...this.job, wake: this.wake.buffer as SharedArrayBuffer };
    const worker = new Worker(file, { workerData: job, execArgv });
    this.worker = worker;
    let settle: { resolve(): void; reject(error: unknown): void } | undefined;
    const started = new Promise<void>((resolve, reject) => (settle = { resolve, reject }));
    worker.on('message', (message: FromProjectorWorker) => {
      if (message.type === 'started') settle?.resolve();
      else this.options.onError?.(new Error(`projection batch failed: ${message.message}`));
    });
    let failure: unknown;
    worker.on('error', (error) => (failure = error));
    this.exited = new Promise((resolve) =>
      worker.once('exit', () => {
        this.worker = undefined;
        resolve();
        if (this.stopped) return settle?.resolve();
        const error = failure ?? new Error('the projector thread exited');
        settle?.reject(error);
        settle = undefined;
        this.options.onError?.(error);
        this.restart = setTimeout(() => {
          if (!this.stopped) this.spawn().catch(() => undefined);
        }, this.options.restartDelayMs ?? 1000);
        this.restart.unref();
      }),
    );
    return started.then(() => {
      settle = undefined;
    });
  }
}
