import Database from 'better-sqlite3';
import { SCHEDULER_ACTOR } from '@account-ops/engine';
import {
  CHECKPOINT_COLLECTION,
  MerkleLog,
  SqliteEventStore,
  TILE_COLLECTION,
} from '@account-ops/event-store';
import { REL_ACTORS } from '../harness/actors';
import { CrashChecker } from './crash-checker';
import { seededStore } from './seeded-store';

/** Changes the SQLite file behind the store's back, as a crash bug or an attacker might. */
function onFile(file: string, sql: string): void {
  const db = new Database(file);
  try {
    db.exec(sql);
  } finally {
    db.close();
  }
}

const fileOf = (env: Record<string, string>) => Object.values(env)[0]!.slice('sqlite:'.length);

/**
 * The crash loops only prove something if their checks fail on a broken store. Each case
 * breaks one property in a store the engine wrote and expects the check after a kill to
 * name it; the untouched store must pass.
 */
describe('the checks after each kill catch a broken store', () => {
  it('pass on the store as the engine wrote it', async () => {
    const { store, ledger } = await seededStore();
    try {
      await new CrashChecker(store, ledger).check({ label: 'untouched', rebuild: true });
    } finally {
      await store.dispose();
    }
  });

  it.each([
    [
      'an acknowledged command lost',
      (file: string) => onFile(file, "DELETE FROM events WHERE type = 'TopUpSettled'"),
      /acknowledged TopUpSettled \(key k-settle, v4\): no events/,
    ],
    [
      'events without their idempotency record (half applied)',
      (file: string) =>
        onFile(
          file,
          "DELETE FROM records WHERE collection = 'idempotency' AND key LIKE '%k-init%'",
        ),
      /have no idempotency record/,
    ],
    [
      'a command applied twice',
      async (file: string) => {
        const store = new SqliteEventStore({ filename: file });
        const metadata = { actor: REL_ACTORS.system, idempotencyKey: 'k-settle' };
        const data = { topUpId: 'tu-1', amount: 50_000, currency: 'EUR' };
        await store.appendToStream('account-acc-1', [{ type: 'TopUpSettled', data, metadata }], {
          expectedVersion: 'any',
        });
        await store.close();
      },
      /k-settle" wrote twice/,
    ],
    [
      'an event altered',
      (file: string) =>
        onFile(
          file,
          "UPDATE events SET data = json_set(data, '$.amount', 50001) WHERE type = 'TopUpInitiated'",
        ),
      /hash chain broken/,
    ],
    [
      'a deadline fired twice',
      async (file: string) => {
        const store = new SqliteEventStore({ filename: file });
        const expired = {
          type: 'RefundExpired',
          data: {
            refundId: 'rf-1',
            amount: 10_000,
            currency: 'EUR',
            approvalDeadline: '',
            at: '',
            by: '',
          },
          metadata: { actor: SCHEDULER_ACTOR, occurredAt: '2026-03-09T09:00:00.000Z' },
        };
        await store.appendToStream('account-acc-1', [expired, expired], { expectedVersion: 'any' });
        await store.close();
      },
      /RefundExpired on account-acc-1 v7: no pending deadline \(fired twice/,
    ],
    [
      'a durable deadline lost',
      (file: string) => onFile(file, "DELETE FROM records WHERE collection = 'deadline'"),
      /deadline .* missing from the store/,
    ],
    [
      'a checkpoint that signs a root the events do not give',
      async (file: string) => {
        const store = new SqliteEventStore({ filename: file });
        const { size } = await new MerkleLog(store).catchUp();
        const forged = { size, root: Buffer.alloc(32, 7).toString('base64'), note: '' };
        await store.writeRecords([
          { op: 'upsert', collection: CHECKPOINT_COLLECTION, key: 'forged', value: forged },
        ]);
        await store.close();
      },
      /checkpoint at size \d+ signs root BwcH/,
    ],
    [
      'a Merkle leaf that is not its event',
      async (file: string) => {
        const store = new SqliteEventStore({ filename: file });
        await new MerkleLog(store).catchUp();
        await store.close();
        // The first leaf tile's first hash changed (tiles are binary: entries, then the
        // middle row), as a damaged or forged tile would be.
        const db = new Database(file);
        try {
          const where = `collection = '${TILE_COLLECTION}' AND key =
            (SELECT min(key) FROM records WHERE collection = '${TILE_COLLECTION}' AND key LIKE '0/%')`;
          const { bytes } = db.prepare(`SELECT bytes FROM records WHERE ${where}`).get() as {
            bytes: Buffer;
          };
          bytes[0] = bytes[0]! ^ 0xff;
          db.prepare(`UPDATE records SET bytes = ? WHERE ${where}`).run(bytes);
        } finally {
          db.close();
        }
      },
      /Merkle log as left by the kill: leaf 0 is not/,
    ],
    [
      'a read model row off by one',
      (file: string) => onFile(file, 'UPDATE rm_balance_accounts SET held = held + 1'),
      /balance read model differs from a replay/,
    ],
  ] as const)('fail on %s', async (_, breakIt, problem) => {
    const { store, ledger } = await seededStore();
    try {
      await breakIt(fileOf(store.childEnv()));
      const check = new CrashChecker(store, ledger).check({ label: 'broken', rebuild: true });
      await expect(check).rejects.toThrow(problem);
    } finally {
      await store.dispose();
    }
  });
});
