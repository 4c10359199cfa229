import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventStoreContract } from '../contract/event-store.contract';
import { SqliteEventStore } from './sqlite-event-store';

eventStoreContract('sqlite', async ({ now }) => {
  const dir = mkdtempSync(join(tmpdir(), 'aos-sqlite-'));
  // NORMAL keeps the unit suite fast; durability (FULL) is covered by sqlite-durability tests.
  const store = new SqliteEventStore({
    filename: join(dir, 'events.db'),
    now,
    synchronous: 'NORMAL',
  });
  return {
    store,
    async tamperData(streamId, version) {
      store.db
        .prepare(
          `UPDATE events SET data = replace(data, '}', ',"x":1}') WHERE stream_id = ? AND version = ?`,
        )
        .run(streamId, version);
    },
    async dispose() {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});
