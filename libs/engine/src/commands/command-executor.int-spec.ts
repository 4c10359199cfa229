import { PostgresEventStore } from '@account-ops/event-store';
import { Pool } from 'pg';
import { dropSchema, freshSchemaName, testPgUrl } from '@account-ops/testing';
import { commandExecutorScenarios, type StoreHandle } from './command-executor.scenarios';
import { idempotencyScenarios } from '../idempotency/idempotency.scenarios';

const url = testPgUrl();
const admin = new Pool({ connectionString: url, max: 1 });
afterAll(() => admin.end());

async function openPostgres(): Promise<StoreHandle> {
  const schema = freshSchemaName('engine_test');
  const store = await PostgresEventStore.connect({ connectionString: url, schema });
  return {
    store,
    async dispose() {
      await store.close();
      await dropSchema(admin, schema);
    },
  };
}

commandExecutorScenarios('postgres', openPostgres);
idempotencyScenarios('postgres', openPostgres);
