import { randomBytes } from 'node:crypto';
import { Pool } from 'pg';
import {
  dropSchema,
  freshSchemaName,
  testPgUrl,
} from '../../../testing/src/postgres/test-database';
import { eventStoreContract } from '../contract/event-store.contract';
import { EventStoreDbEventStore } from '../eventstoredb/eventstoredb-event-store';
import { PostgresEventStore } from '../postgres/postgres-event-store';
import { SplitEventStore } from './split-event-store';

// The split configuration on real servers: EventStoreDB from ESDB_URL (see the
// EventStoreDB int-spec for a one-line server), records in PostgreSQL from PG_URL.
// Without ESDB_URL the same contract still runs on every `npm test`, on the in-memory
// EventStoreDB fake (split-event-store.spec.ts) and through the API e2e suites.

const esdbUrl = process.env.ESDB_URL;

if (!esdbUrl) {
  it.skip('split store (EventStoreDB + PostgreSQL) contract — skipped: ESDB_URL is not set (no EventStoreDB server on this machine)', () =>
    undefined);
} else {
  jest.setTimeout(30_000);
  const admin = new Pool({ connectionString: testPgUrl(), max: 2 });
  afterAll(() => admin.end());

  eventStoreContract(
    'split (EventStoreDB + PostgreSQL records)',
    async ({ now }) => {
      const schema = freshSchemaName('split');
      const store = new SplitEventStore({
        events: await EventStoreDbEventStore.connect({
          connectionString: esdbUrl,
          namespace: `aos-split-${randomBytes(6).toString('hex')}-`,
          now,
        }),
        records: await PostgresEventStore.connect({ connectionString: testPgUrl(), schema, now }),
      });
      return {
        store,
        tamperData: () => Promise.reject(new Error('EventStoreDB events are immutable')),
        async dispose() {
          await store.close();
          await dropSchema(admin, schema);
        },
      };
    },
    {
      unsupported: {
        tamperData: 'EventStoreDB events are immutable',
        uniqueEventIds: 'EventStoreDB has no unique index on event ids',
      },
    },
  );
}
