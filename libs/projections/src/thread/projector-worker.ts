/**
 * The worker of a {@link ProjectorThread}: opens its own connections to the PostgreSQL
 * store named in workerData, runs the async projector there (leader election, batches,
 * checkpoints: all as in the main thread) and wakes it on each kick from the main thread.
 */
import { PostgresEventStore } from '@account-ops/event-store';
import { parentPort, workerData } from 'node:worker_threads';
import { DEFAULT_PROJECTIONS } from '../default-projections';
import { openReadModels } from '../read-models';
import type {
  FromProjectorWorker,
  ProjectorThreadJob,
  ToProjectorWorker,
} from './projector-thread-protocol';

const send = (message: FromProjectorWorker) => parentPort!.postMessage(message);

async function main(job: ProjectorThreadJob): Promise<void> {
  const store = await PostgresEventStore.connect({
    connectionString: job.connectionString,
    ...(job.schema ? { schema: job.schema } : {}),
    // A batch reads on one connection while its transaction holds another.
    poolSize: 2,
    // The main thread kicks it after each local commit; other processes' appends are
    // found by the projector's poll, as in the main thread.
    listen: false,
  });
  const models = openReadModels(store, {
    projections: DEFAULT_PROJECTIONS.filter((p) => job.projections.includes(p.name)),
    mode: 'async',
    batchSize: job.batchSize,
    pollIntervalMs: job.pollIntervalMs,
    onError: (error) => send({ type: 'batch-failed', message: (error as Error).message }),
  });
  let stopping = false;
  const wake = new Int32Array(job.wake);
  parentPort!.on('message', (message: ToProjectorWorker) => {
    if (message.type !== 'stop') return;
    stopping = true;
    // Ends the wait below whichever arrives first, this message or the main thread's bump.
    Atomics.add(wake, 0, 1);
    Atomics.notify(wake, 0);
    void models
      .stop()
      .then(() => store.close())
      .finally(() => parentPort!.close());
  });
  await models.start();
  send({ type: 'started' });
  await followCommits(
    wake,
    () => stopping,
    () => models.notifyCommitted(),
  );
}

/** Kicks the projector each time the main thread bumps `wake`, until stopped. */
async function followCommits(
  wake: Int32Array,
  stopped: () => boolean,
  kick: () => void,
): Promise<void> {
  const waitAsync = (Atomics as unknown as { waitAsync: WaitAsync }).waitAsync;
  let seen = Atomics.load(wake, 0);
  while (!stopped()) {
    const wait = waitAsync(wake, 0, seen);
    if (wait.async) await wait.value;
    seen = Atomics.load(wake, 0);
    // Commits during a pass are seen by the projector's own re-run (kick while running).
    if (!stopped()) kick();
  }
}

/** `Atomics.waitAsync` (ES2024; in Node since 16), missing from this project's ES2022 lib. */
type WaitAsync = (
  array: Int32Array,
  index: number,
  value: number,
) => { async: false; value: string } | { async: true; value: Promise<string> };

// A failure to start is thrown out of the worker: the thread's 'error' event reports it.
void main(workerData as ProjectorThreadJob).catch((error: unknown) => {
  throw error;
});
