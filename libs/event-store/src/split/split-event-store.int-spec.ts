import { randomBytes } from 'node:crypto';
import { Pool } from 'pg';
import {
  dropSchema,
  freshSchemaName,
  testPgUrl,
} from '../../../testing/src/postgres/test-database';
import { eventStoreContract } from '../contract/event-store.contract';
import { EventStoreDbEventStore } from '../eventstoredb/eventstoredb-event-store';
import { REAL_SERVERS } from '../eventstoredb/testing/real-servers';
import { PostgresEventStore } from '../postgres/postgres-event-store';
import { SplitEventStore } from './split-event-store';

// The split configuration on real servers: EventStoreDB/KurrentDB from ESDB_URL and
// KURRENTDB_URL (each that is set; one-line servers in eventstoredb/testing/real-servers.ts),
// records in PostgreSQL from PG_URL. Without them the same contract still runs on every
// `npm test`, on the in-memory fake (split-event-store.spec.ts) and through the API e2e suites.

jest.setTimeout(30_000);

for (const { variable, url: esdbUrl, product } of REAL_SERVERS) {
  if (!esdbUrl) {
    it.skip(`split store (${product} + PostgreSQL) contract — skipped: ${variable} is not set (no ${product} server on this machine)`, () =>
      undefined);
    continue;
  }
  const admin = new Pool({ connectionString: testPgUrl(), max: 2 });
  afterAll(() => admin.end());

  eventStoreContract(
    `split (${product} from ${variable} + PostgreSQL records)`,
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
