/**
 * A verification worker thread (see verify-in-workers.ts): opens its own connection to
 * the store named in workerData, then verifies each chunk of streams it is sent.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { PostgresEventStore } from '../postgres/postgres-event-store';
import type { EventStore } from '../port/event-store';
import { SqliteEventStore } from '../sqlite/sqlite-event-store';
import { verifyChunk } from './verify-chunk';
import type { VerifySource } from './verify-source';

async function open(source: VerifySource): Promise<EventStore> {
  if (source.kind === 'sqlite') {
    return new SqliteEventStore({ filename: source.filename, readonly: true });
  }
  return PostgresEventStore.connect({
    connectionString: source.connectionString,
    ...(source.schema ? { schema: source.schema } : {}),
    poolSize: 1,
    listen: false,
  });
}

const opened = open(workerData as VerifySource);
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
