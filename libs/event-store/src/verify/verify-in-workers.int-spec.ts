import { dropSchema, freshSchemaName, testPgUrl } from '@account-ops/testing';
import { Pool } from 'pg';
import { numbered } from '../contract/sample-events';
import { PostgresEventStore } from '../postgres/postgres-event-store';
import { verifyStreamsInWorkers } from './verify-in-workers';

describe('verifyStreamsInWorkers on PostgreSQL', () => {
  jest.setTimeout(30_000);
  const url = testPgUrl();
  const admin = new Pool({ connectionString: url, max: 1 });
  const schema = freshSchemaName('verify_workers');
  afterAll(async () => {
    await dropSchema(admin, schema);
    await admin.end();
  });

  it('opens the schema in each worker and names the first bad event of each broken stream', async () => {
    const store = await PostgresEventStore.connect({ connectionString: url, schema });
    const streams = Array.from({ length: 6 }, (_, i) => `s${i}`);
    for (const streamId of streams) {
      await store.appendToStream(streamId, numbered(4), { expectedVersion: 'no_stream' });
    }
    const [victim] = await store.readStream('s4', { fromVersion: 2, maxCount: 1 });
    await store.close();
    await admin.query(
      `UPDATE "${schema}".events SET data = (data::jsonb || '{"x": 1}')::json
       WHERE stream_id = 's4' AND version = 2`,
    );
    const result = await verifyStreamsInWorkers(
      { kind: 'postgres', connectionString: url, schema },
      streams,
      { workers: 2, chunkSize: 1 },
    );
    expect(result).toEqual({
      events: 5 * 4 + 2,
      broken: [
        {
          streamId: 's4',
          firstBad: { version: 2, eventId: victim!.eventId, reason: 'hash_mismatch' },
        },
      ],
    });
  });
});
