/**
 * A verification worker thread (see verify-in-workers.ts): opens its own connection to
 * the store named in workerData, then verifies each chunk of streams it is sent.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openWorkerStore } from '../support/open-worker-store';
import { verifyChunk } from './verify-chunk';
import type { VerifySource } from './verify-source';

const opened = openWorkerStore(workerData as VerifySource, {
  sqlite: { readonly: true },
  poolSize: 1,
});
parentPort!.on('message', (streamIds: string[] | null) => {
  if (streamIds === null) {
    void opened.then((store) => store.close()).finally(() => parentPort!.close());
    return;
  }
  opened
    .then((store) => verifyChunk(store, streamIds))
    .then(
      (result) => parentPort!.postMessage({ ok: true, result }),
      (error: unknown) => parentPort!.postMessage({ ok: false, error: String(error) }),
    );
});
