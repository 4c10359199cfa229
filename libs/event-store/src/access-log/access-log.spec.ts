import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '../sqlite/sqlite-event-store';
import { ACCESS_COLLECTION, seqKey } from './access-keys';
import { accessLogCases } from './access-log.cases';

accessLogCases('sqlite', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'aos-access-'));
  const store = new SqliteEventStore({ filename: join(dir, 'events.db'), synchronous: 'NORMAL' });
  return {
    store,
    async deleteRecord(seq) {
      store.db
        .prepare('DELETE FROM records WHERE collection = ? AND key = ?')
        .run(ACCESS_COLLECTION, seqKey(seq));
    },
    async alterRecord(seq, accountId) {
      store.db
        .prepare(
          `UPDATE records SET value = json_set(value, '$.accountId', ?) WHERE collection = ? AND key = ?`,
        )
        .run(accountId, ACCESS_COLLECTION, seqKey(seq));
    },
    async dispose() {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});
