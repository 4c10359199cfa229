import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PostgresEventStore, SqliteEventStore } from '@account-ops/event-store';
import { Pool } from 'pg';
import { dropSchema, freshSchemaName, testPgUrl } from '@account-ops/testing';
import { webhookScenarios } from './webhooks.scenarios';

webhookScenarios('SQLite', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'webhooks-'));
  const filename = join(dir, 'store.db');
  const store = new SqliteEventStore({ filename });
  return {
    store,
    async dispose() {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});

const url = testPgUrl();
const admin = new Pool({ connectionString: url, max: 1 });
afterAll(() => admin.end());

webhookScenarios('PostgreSQL', async () => {
  const schema = freshSchemaName('webhooks_test');
  const store = await PostgresEventStore.connect({ connectionString: url, schema });
  return {
    store,
    openSecond: () => PostgresEventStore.connect({ connectionString: url, schema }),
    async dispose() {
      await store.close();
      await dropSchema(admin, schema);
    },
  };
});
