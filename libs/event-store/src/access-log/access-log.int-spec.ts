import { Pool } from 'pg';
import {
  dropSchema,
  freshSchemaName,
  testPgUrl,
} from '../../../testing/src/postgres/test-database';
import { PostgresEventStore } from '../postgres/postgres-event-store';
import { ACCESS_COLLECTION, seqKey } from './access-keys';
import { AccessLog } from './access-log';
import { accessLogCases } from './access-log.cases';

const url = testPgUrl();
const admin = new Pool({ connectionString: url, max: 2 });
afterAll(() => admin.end());

accessLogCases('postgres', async () => {
  const schema = freshSchemaName('access_test');
  const store = await PostgresEventStore.connect({ connectionString: url, schema });
  return {
    store,
    async deleteRecord(seq) {
      await admin.query(`DELETE FROM "${schema}".records WHERE collection = $1 AND key = $2`, [
        ACCESS_COLLECTION,
        seqKey(seq),
      ]);
    },
    async alterRecord(seq, accountId) {
      await admin.query(
        `UPDATE "${schema}".records SET value = jsonb_set(value::jsonb, '{accountId}', to_jsonb($1::text))::json
         WHERE collection = $2 AND key = $3`,
        [accountId, ACCESS_COLLECTION, seqKey(seq)],
      );
    },
    async dispose() {
      await store.close();
      await dropSchema(admin, schema);
    },
  };
});

describe('AccessLog on one PostgreSQL, written by several processes', () => {
  it('keeps one chain without forks while three stores append at once', async () => {
    const schema = freshSchemaName('access_test');
    // Three stores, each with its own pool: as three API processes on one database.
    const stores = await Promise.all(
      [1, 2, 3].map(() => PostgresEventStore.connect({ connectionString: url, schema })),
    );
    try {
      const logs = stores.map((store) => new AccessLog(store));
      const perProcess = 60;
      const started = Date.now();
      await Promise.all(
        logs.flatMap((log, p) =>
          Array.from({ length: perProcess }, (_, i) =>
            log.record([{ actor: `actor-${p}`, accountId: `acc-${i}`, what: 'getAccount' }]),
          ),
        ),
      );
      const elapsed = Date.now() - started;
      const check = await logs[0]!.check();
      expect(check).toEqual({ ok: true, checked: 3 * perProcess, headSeq: 3 * perProcess });
      const conflicts = logs.reduce((n, log) => n + log.conflicts, 0);
      // Reported for docs/auditing.md (timing measured under load from parallel work).
      process.stdout.write(
        `access log: ${3 * perProcess} records from 3 stores in ${elapsed} ms, ${conflicts} retried writes\n`,
      );
    } finally {
      await Promise.all(stores.map((store) => store.close()));
      await dropSchema(admin, schema);
    }
  });
});
