import { PostgresEventStore } from '@account-ops/event-store';
import { Pool } from 'pg';
import {
  dropSchema,
  freshSchemaName,
  testPgUrl,
} from '../../../testing/src/postgres/test-database';
import { commandExecutorScenarios } from './command-executor.scenarios';

const url = testPgUrl();
const admin = new Pool({ connectionString: url, max: 1 });
afterAll(() => admin.end());

commandExecutorScenarios('postgres', async () => {
  const schema = freshSchemaName('engine_test');
  const store = await PostgresEventStore.connect({ connectionString: url, schema });
  return {
    store,
    async dispose() {
      await store.close();
      await dropSchema(admin, schema);
    },
  };
});
