import { Pool } from 'pg';
import {
  dropSchema,
  freshSchemaName,
  testPgUrl,
} from '../../../testing/src/postgres/test-database';
import { PostgresEventStore } from '../postgres/postgres-event-store';
import type { TransactionalEventStore } from '../port/event-store';
import { merkleLogCases, upgradedStoreCase } from './merkle-log.cases';

// Each case appends hundreds of events one by one: seconds on a loaded PostgreSQL.
jest.setTimeout(60_000);

const url = testPgUrl();
const admin = new Pool({ connectionString: url, max: 2 });
afterAll(() => admin.end());

const schemas = new WeakMap<object, string>();

merkleLogCases(
  'postgres',
  async () => {
    const schema = freshSchemaName('merkle_test');
    const store = await PostgresEventStore.connect({ connectionString: url, schema });
    schemas.set(store, schema);
    return store;
  },
  async (store) => {
    await store.close();
    await dropSchema(admin, schemas.get(store)!);
  },
);

describe('a PostgreSQL store written before binary tiles', () => {
  it('migrates when opened; its text tiles verify and the tree grows in binary', async () => {
    const schema = freshSchemaName('merkle_test');
    let store: TransactionalEventStore = await PostgresEventStore.connect({
      connectionString: url,
      schema,
    });
    try {
      store = await upgradedStoreCase(store, async () => {
        await store.close();
        await admin.query(`ALTER TABLE "${schema}".records DROP COLUMN bytes`);
        await admin.query(`DELETE FROM "${schema}".event_store_migrations WHERE version = 4`);
        store = await PostgresEventStore.connect({ connectionString: url, schema });
        return store;
      });
    } finally {
      await store.close();
      await dropSchema(admin, schema);
    }
  }, 60_000);
});
