import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '../sqlite/sqlite-event-store';
import { ACCESS_COLLECTION, seqKey } from './access-keys';
import { AccessLog } from './access-log';
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

describe('AccessLog on one SQLite file opened twice (two processes)', () => {
  it('keeps one chain: the loser of a race re-seals after the winner', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'aos-access-'));
    const file = join(dir, 'events.db');
    const stores = [1, 2].map(
      () => new SqliteEventStore({ filename: file, synchronous: 'NORMAL' }),
    );
    try {
      const logs = stores.map((store) => new AccessLog(store));
      const read = { actor: 'a', accountId: 'acc-0', what: 'getAccount' };
      await logs[0]!.record([read]); // 1
      await logs[1]!.record([read]); // 2: the second handle now knows head 2
      // The first still holds head 1: its write of number 2 is refused and re-sealed as 3.
      const [third] = await logs[0]!.record([read]);
      expect(third!.seq).toBe(3);
      expect(logs[0]!.conflicts).toBe(1);
      await Promise.all(
        logs.flatMap((log, p) =>
          Array.from({ length: 20 }, (_, i) =>
            log.record([{ actor: `p${p}`, accountId: `acc-${i}`, what: 'getAccount' }]),
          ),
        ),
      );
      expect(await logs[1]!.check()).toEqual({ ok: true, checked: 43, headSeq: 43 });
    } finally {
      await Promise.all(stores.map((store) => store.close()));
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
