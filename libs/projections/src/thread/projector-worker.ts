/**
 * The worker of a {@link ProjectorThread}: opens its own connections to the PostgreSQL
 * store named in workerData and runs the projector's passes there (leader election,
 * batches, checkpoints: all as in the main thread): a pass whenever the main thread has
 * committed since the last one, else after the poll interval.
 */
import { openWorkerStore } from '@account-ops/event-store';
import { parentPort, workerData } from 'node:worker_threads';
import { DEFAULT_PROJECTIONS } from '../default-projections';
import { openReadModels } from '../read-models';
import { Projector } from '../runner/projector';
import {
  COMMITS,
  type FromProjectorWorker,
  type ProjectorThreadJob,
  type ToProjectorWorker,
  WAITING,
} from './projector-thread-protocol';

const send = (message: FromProjectorWorker) => parentPort!.postMessage(message);

async function main(job: ProjectorThreadJob): Promise<void> {
  // A batch reads on one connection while its transaction holds another. Local commits
  // come through `wake`; other processes' appends are found by the poll, as in the main
  // thread.
  const store = await openWorkerStore(job.source, { poolSize: 2 });
  const models = openReadModels(store, {
    projections: DEFAULT_PROJECTIONS.filter((p) => job.projections.includes(p.name)),
    mode: 'async',
    batchSize: job.batchSize,
  });
  const projector = new Projector(models.backend);
  const wake = new Int32Array(job.wake);
  let stopping = false;
  parentPort!.on('message', (message: ToProjectorWorker) => {
    if (message.type !== 'stop') return;
    stopping = true;
    // Ends the wait below, if it is waiting.
    Atomics.add(wake, COMMITS, 1);
    Atomics.notify(wake, COMMITS);
  });
  // The calling thread has created the tables and caught up before starting this one.
  send({ type: 'started' });
  await followCommits(
    wake,
    job.pollIntervalMs ?? 200,
    () => stopping,
    async () => {
      try {
        await projector.runOnce();
      } catch (error) {
        // Retried by the next pass, as the main thread's projector does.
        send({ type: 'batch-failed', message: (error as Error).message });
      }
    },
  );
  await projector.stop();
  await models.stop();
  await store.close();
  parentPort!.close();
}

/**
 * Runs `pass` until stopped: again at once when commits were counted during it, else
 * after waiting for the next commit or the poll interval. Only a waiting worker says so
 * (`WAITING`), so the main thread wakes it (a futex wake, tens of µs on a busy machine)
 * only then; while a pass runs, a commit costs the main thread one atomic add.
 */
async function followCommits(
  wake: Int32Array,
  pollIntervalMs: number,
  stopped: () => boolean,
  pass: () => Promise<void>,
): Promise<void> {
  const waitAsync = (Atomics as unknown as { waitAsync: WaitAsync }).waitAsync;
  while (!stopped()) {
    const seen = Atomics.load(wake, COMMITS);
    await pass();
    if (stopped() || Atomics.load(wake, COMMITS) !== seen) continue;
    Atomics.store(wake, WAITING, 1);
    // Returns at once if a commit was counted since `seen`.
    const wait = waitAsync(wake, COMMITS, seen, pollIntervalMs);
    if (wait.async) await wait.value;
    Atomics.store(wake, WAITING, 0);
  }
}

/** `Atomics.waitAsync` (ES2024; in Node since 16), missing from this project's ES2022 lib. */
type WaitAsync = (
  array: Int32Array,
  index: number,
  value: number,
  timeoutMs: number,
) => { async: false; value: string } | { async: true; value: Promise<string> };

// A failure to start is thrown out of the worker: the thread's 'error' event reports it.
void main(workerData as ProjectorThreadJob).catch((error: unknown) => {
  throw error;
});
