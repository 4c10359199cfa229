/**
 * The Merkle log's catch-up worker thread (see WorkerTreeCatchUp): opens its own
 * connection to the store named in workerData and extends the tree each time it is asked,
 * so reading the new events' leaf fields, hashing and encoding tiles run beside the
 * appends, not on their thread.
 */
import { setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import { formatPosition } from '../port/position';
import { openWorkerStore } from '../support/open-worker-store';
import type { VerifySource } from '../verify/verify-source';
import type { CatchUpReply, CatchUpRequest } from './catch-up-protocol';
import { MerkleLog } from './merkle-log';

const { source, batchSize, nice } = workerData as {
  source: VerifySource;
  batchSize?: number;
  nice: number;
};

// Below the appends in the CPU's queue: on Linux a thread's nice value is its own (pid 0
// is this thread), so on a busy machine the tree catches up in what the commands leave.
// Where that is refused or means the whole process, it runs at the process's priority.
if (nice !== 0 && process.platform === 'linux') {
  try {
    setPriority(0, nice);
  } catch {
    // Not permitted here: the catch-up still runs.
  }
}

// The tree is derived from the events: a SQLite commit lost to power loss is redone by the
// next catch-up, and the signing thread's FULL commits sync these pages before any
// checkpoint that uses them (the WAL is one file, synced in order).
const opened = openWorkerStore(source, { sqlite: { synchronous: 'NORMAL' }, poolSize: 2 });
let openFailed = false;
// Opening failed: the request in flight is answered with the error below, then the thread ends.
opened.catch(() => (openFailed = true));
// One log for the thread's life: its tile cache keeps the right edge the next batch extends.
const log = opened.then((store) => new MerkleLog(store, batchSize));
log.catch(() => undefined);

function reply(message: CatchUpReply): void {
  parentPort!.postMessage(message);
}

parentPort!.on('message', (request: CatchUpRequest) => {
  if (request === null) {
    void opened
      .then((store) => store.close())
      .catch(() => undefined)
      .finally(() => parentPort!.close());
    return;
  }
  log
    .then((l) => l.catchUp())
    .then(
      (state) => reply({ ok: true, size: state.size, head: formatPosition(state.head) }),
      (error: unknown) => {
        const { name, message } =
          error instanceof Error ? error : { name: 'Error', message: String(error) };
        reply({ ok: false, name, message, ...(openFailed ? { ended: true } : {}) });
        // A thread whose store never opened is of no further use: the next catch-up starts anew.
        if (openFailed) parentPort!.close();
      },
    );
});
