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
  parentPort!.on('message', (message: ToProjectorWorker) => {
    if (message.type === 'kick') models.notifyCommitted();
    else
      void models
        .stop()
        .then(() => store.close())
        .finally(() => parentPort!.close());
  });
  await models.start();
  send({ type: 'started' });
}

// A failure to start is thrown out of the worker: the thread's 'error' event reports it.
void main(workerData as ProjectorThreadJob).catch((error: unknown) => {
  throw error;
});
