import { Pool } from 'pg';
import {
  dropSchema,
  freshSchemaName,
  testPgUrl,
} from '../../../testing/src/postgres/test-database';
import { PostgresEventStore } from '../postgres/postgres-event-store';
import { merkleLogCases } from './merkle-log.cases';

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
