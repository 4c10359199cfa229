import {
  EventStoreDbEventStore,
  PostgresEventStore,
  SplitEventStore,
} from '@account-ops/event-store';
import { FakeEsdbClient, FakeEsdbServer } from '@account-ops/event-store/testing';
import { dropSchema, freshSchemaName, testPgUrl } from '@account-ops/testing';
import { Pool } from 'pg';
import { envelopeScenarios, type EnvelopeStoreHandle } from './envelope.scenarios';
import { copyOfEsdbLog, copyOfPostgresSchema } from './testing/database-copy';

const url = testPgUrl();
const admin = new Pool({ connectionString: url, max: 1 });
afterAll(() => admin.end());

async function postgres(): Promise<{ store: PostgresEventStore; schema: string }> {
  const schema = freshSchemaName('envelope');
  return { store: await PostgresEventStore.connect({ connectionString: url, schema }), schema };
}

envelopeScenarios('postgres', async (): Promise<EnvelopeStoreHandle> => {
  const { store, schema } = await postgres();
  return {
    store,
    copy: () => copyOfPostgresSchema(admin, schema),
    dispose: async () => {
      await store.close();
      await dropSchema(admin, schema);
    },
  };
});

envelopeScenarios('split (EventStoreDB fake + PostgreSQL records)', async () => {
  const { store: records, schema } = await postgres();
  const server = new FakeEsdbServer();
  const store = new SplitEventStore({
    events: new EventStoreDbEventStore(new FakeEsdbClient(server)),
    records,
  });
  return {
    store,
    copy: async () => `${copyOfEsdbLog(server)}\n${await copyOfPostgresSchema(admin, schema)}`,
    dispose: async () => {
      await store.close();
      await dropSchema(admin, schema);
    },
  };
});
