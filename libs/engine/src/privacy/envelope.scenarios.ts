import type { Command } from '@account-ops/accounts';
import { verifyStream, type TransactionalEventStore } from '@account-ops/event-store';
import { accountFixtures as fx, FakeClock } from '@account-ops/testing';
import { createAccountOps, type AccountOps } from '../create-account-ops';
import { accountStreamId } from '../repository/account-stream';
import { Snapshots } from '../repository/snapshots';
import { KeyUnavailable, type KeyProvider } from './key-provider';
import { keyStatus, rewrapDataKeys } from './key-rotation';
import { LocalKeyProvider } from './local-key-provider';
import { PersonalDataVault } from './personal-data-vault';
import { importPreEnvelopeStore, PRE_ENVELOPE } from './testing/pre-envelope-store';
import { recover } from './testing/recovery';

/** A store for one test, and the copy of its database someone could take away. */
export interface EnvelopeStoreHandle {
  readonly store: TransactionalEventStore;
  /** Every row of every table as text (SQLite: and every byte of its files, WAL included). */
  copy(): Promise<string>;
  dispose(): Promise<void>;
}

// The pre-envelope store's secret: its idempotency records must replay here.
const SECRET = PRE_ENVELOPE.cardSecret;
const K1 = { id: 'k1', key: Buffer.alloc(32, 0x11) };
const K2 = { id: 'k2', key: Buffer.alloc(32, 0x22) };
const ring = (...keys: (typeof K1)[]) => new LocalKeyProvider(keys, 'the test ring');

const LIVE = 'env-live';
const CLOSING = 'env-closing';
const PERSONAL: Record<string, readonly string[]> = {
  [LIVE]: ['Vesna Envelope', 'vesna@envelope.example', 'VESNA HOLDER'],
  [CLOSING]: ['Corin Shredded', 'corin@shred.example', 'CORIN HOLDER'],
};
const [VESNA, VESNA_EMAIL] = PERSONAL[LIVE]!;

const on = (accountId: string, command: Command): Command => ({ ...command, accountId });

/** Open (snapshots every 2 events), change the card, fund: personal data in events and snapshots. */
function openingCommands(accountId: string): Command[] {
  const [name, email, holder] = PERSONAL[accountId]!;
  return [
    fx.open({ ownerName: name, ownerEmail: email }),
    { ...fx.card(), holderName: holder } as Command,
    fx.topUp('t1', 5_000),
    fx.settle('t1'),
    fx.topUp('t2', 700),
    fx.settle('t2'),
  ].map((c) => on(accountId, c));
}

/** Envelope encryption and crypto-shredding on one store; run by one spec per adapter. */
export function envelopeScenarios(
  name: string,
  openStore: () => Promise<EnvelopeStoreHandle>,
): void {
  describe(`envelope encryption on ${name}`, () => {
    let handle: EnvelopeStoreHandle;
    let clock: FakeClock;
    beforeEach(async () => {
      handle = await openStore();
      clock = new FakeClock(fx.NOW);
    });
    afterEach(() => handle.dispose());

    const engine = (keyProvider: KeyProvider): AccountOps =>
      createAccountOps({
        store: handle.store,
        clock,
        cardFingerprintSecret: SECRET,
        keyProvider,
        config: { snapshotEvery: 2 },
      });
    const run = async (ops: AccountOps, commands: readonly Command[]) => {
      for (const command of commands) await ops.execute(command, fx.setUpOptions(command));
    };
    const owner = async (keys: KeyProvider, accountId: string) =>
      (await engine(keys).load(accountId)).state.owner;

    async function closeAccount(ops: AccountOps, accountId: string): Promise<void> {
      await ops.execute(on(accountId, fx.command('RequestCancellation', { reason: 'moving' })));
      await ops.execute(on(accountId, fx.command('ConfirmCancellation', {})));
      clock.advanceDays(31);
      await ops.deadlines.runDue();
    }

    it('a copy of the database without the key-encryption key reveals no personal data', async () => {
      await run(engine(ring(K1)), openingCommands(LIVE));
      expect(await handle.store.getRecord('snapshot', LIVE)).toBeDefined();
      const copy = await handle.copy();
      const stolen = recover(copy, PERSONAL[LIVE]!);
      expect(stolen.tried.ciphertexts).toBeGreaterThanOrEqual(4); // 3 fields and a snapshot
      expect(stolen.recovered).toEqual([]);
      // The same search with the key-encryption key finds them all: it looked in the right places.
      expect(recover(copy, PERSONAL[LIVE]!, [K1.key]).recovered).toEqual(PERSONAL[LIVE]);
    });

    it('after closure nothing is recoverable, even with the key-encryption key and a late snapshot', async () => {
      const ops = engine(ring(K1));
      await run(ops, [...openingCommands(LIVE), ...openingCommands(CLOSING)]);
      // A process that loaded the account before its closure still holds its data key…
      const late = new PersonalDataVault(handle.store, ring(K1));
      const before = await ops.load(CLOSING);
      await late.keyFor(CLOSING);
      await closeAccount(ops, CLOSING);
      // …and writes the snapshot it was due after the closure deleted key and snapshot.
      await new Snapshots(handle.store, 2, late).save(CLOSING, before.version, before.state);
      expect(await handle.store.getRecord('snapshot', CLOSING)).toBeDefined();
      const copy = await handle.copy();
      const found = recover(copy, [...PERSONAL[CLOSING]!, ...PERSONAL[LIVE]!], [K1.key]);
      expect(found.recovered).toEqual(PERSONAL[LIVE]);
      const fresh = engine(ring(K1));
      expect((await fresh.load(CLOSING)).state).toMatchObject({ status: 'closed', owner: null });
      expect((await fresh.load(CLOSING, 1)).state.owner).toEqual({
        name: '[erased]',
        email: '[erased]',
      });
      const stream = await handle.store.readStream(accountStreamId(CLOSING));
      expect(await verifyStream(accountStreamId(CLOSING), stream)).toMatchObject({ ok: true });
    });

    it('rotation keeps every account readable: new keys under the new KEK, rewrap resumable and idempotent', async () => {
      await run(engine(ring(K1)), openingCommands(LIVE));
      for (const id of ['r1', 'r2']) {
        await engine(ring(K1)).execute(on(id, fx.open({ ownerName: `Owner ${id}` })));
      }
      const rotated = ring(K2, K1);
      await engine(rotated).execute(on('r3', fx.open({ ownerName: 'Owner r3' })));
      expect(await keyStatus(handle.store, rotated)).toMatchObject({
        currentKeyId: 'k2',
        keys: { total: 4, byKeyId: { k1: 3, k2: 1 }, inClear: 0 },
        rewrapDue: true,
      });
      // Interrupted after its first batch (Ctrl-C): that batch is written, the rest is not.
      const stop = new Error('interrupted');
      await expect(
        rewrapDataKeys(handle.store, rotated, {
          batchSize: 1,
          afterBatch: async () => {
            throw stop;
          },
        }),
      ).rejects.toBe(stop);
      expect((await keyStatus(handle.store, rotated)).keys.byKeyId).toEqual({ k1: 2, k2: 2 });
      const rerun = await rewrapDataKeys(handle.store, rotated, { batchSize: 3 });
      expect(rerun.keys).toEqual({ checked: 4, current: 2, rewrapped: { k1: 2 } });
      const again = await rewrapDataKeys(handle.store, rotated);
      expect(again.keys).toEqual({ checked: 4, current: 4, rewrapped: {} });
      // The old KEK can now be retired: every account reads with the new one alone.
      const retired = ring(K2);
      await engine(retired).checkKeys();
      expect(await keyStatus(handle.store, retired)).toMatchObject({ rewrapDue: false });
      for (const id of ['r1', 'r2', 'r3']) {
        expect(await owner(retired, id)).toMatchObject({ name: `Owner ${id}` });
      }
      expect((await engine(retired).load(LIVE)).state).toMatchObject({
        owner: { name: VESNA },
        bankCard: { holderName: 'VESNA HOLDER' },
      });
    });

    it('a wrong or missing key-encryption key is a clear error naming the key id, and writes nothing', async () => {
      await run(engine(ring(K1)), openingCommands(LIVE));
      const wrong = ring({ id: 'k1', key: Buffer.alloc(32, 0x99) });
      const refusal = {
        name: 'KeyUnavailable',
        keyId: 'k1',
        message: expect.stringMatching(
          new RegExp(`data key of account ${LIVE} .*"k1".* not the key "k1" that wrapped it`),
        ),
      };
      await expect(engine(wrong).checkKeys()).rejects.toMatchObject(refusal);
      await expect(engine(wrong).load(LIVE)).rejects.toMatchObject(refusal);
      const before = await handle.store.readStream(accountStreamId(LIVE));
      await expect(engine(wrong).execute(on(LIVE, fx.topUp('t9', 100)))).rejects.toBeInstanceOf(
        KeyUnavailable,
      );
      expect(await handle.store.readStream(accountStreamId(LIVE))).toHaveLength(before.length);
      await expect(engine(ring(K2)).load(LIVE)).rejects.toMatchObject({
        keyId: 'k1',
        message: expect.stringMatching(/"k1" is not in the test ring \(it holds "k2"\)/),
      });
      // A wrapped key moved to another account's row does not unwrap there.
      const stolen = await handle.store.getRecord('data-key', LIVE);
      await handle.store.writeRecords([
        { op: 'upsert', collection: 'data-key', key: 'other', value: stolen!.value },
      ]);
      await expect(new PersonalDataVault(handle.store, ring(K1)).keyFor('other')).rejects.toThrow(
        /data key of account other cannot be unwrapped/,
      );
      expect(await owner(ring(K1), LIVE)).toMatchObject({ name: VESNA, email: VESNA_EMAIL });
    });

    it('migrates a store written before envelope encryption with keys rewrap', async () => {
      await importPreEnvelopeStore(handle.store);
      const keys = ring(K1);
      const ids = [PRE_ENVELOPE.live, PRE_ENVELOPE.closed, PRE_ENVELOPE.fresh];
      // Read as they are until migrated: nothing breaks on upgrade.
      const states = await Promise.all(ids.map(async (id) => (await engine(keys).load(id)).state));
      expect(states.map((s) => s.owner?.name ?? null)).toEqual([
        'Livia Before',
        null,
        'Frida Unsnapped',
      ]);
      expect(await keyStatus(handle.store, keys)).toMatchObject({
        keys: { total: 2, byKeyId: {}, inClear: 2 },
        snapshots: { total: 2, inClear: 2 },
        rewrapDue: true,
      });
      // What the migration is for: the copy of a store written before it reads in clear.
      const livePersonal = PRE_ENVELOPE.personal[PRE_ENVELOPE.live]!;
      expect(recover(await handle.copy(), livePersonal).recovered).toEqual(livePersonal);
      const report = await rewrapDataKeys(handle.store, keys);
      expect(report).toEqual({
        currentKeyId: 'k1',
        keys: { checked: 2, current: 0, rewrapped: { '(clear)': 2 } },
        snapshots: { checked: 2, sealed: 1, dropped: 1 },
        // Its one notification carries no one's words.
        outbox: { checked: 1, sealed: 0, erased: 0 },
      });
      expect(await keyStatus(handle.store, keys)).toMatchObject({ rewrapDue: false });
      const copy = await handle.copy();
      const all = Object.values(PRE_ENVELOPE.personal).flat();
      expect(recover(copy, all).recovered).toEqual([]);
      for (const key of PRE_ENVELOPE.clearKeys) expect(copy).not.toContain(key);
      for (const [i, id] of ids.entries()) {
        expect((await engine(keys).load(id)).state).toEqual(states[i]);
        const stream = await handle.store.readStream(accountStreamId(id));
        expect(await verifyStream(accountStreamId(id), stream)).toMatchObject({ ok: true });
      }
      const next = await engine(keys).execute(on(PRE_ENVELOPE.live, fx.topUp('t-after', 100)));
      expect(next.state.owner?.name).toBe('Livia Before');
      // Retries of commands recorded before (fingerprinted with personal data in clear) replay.
      const [name, email, holder] = PRE_ENVELOPE.personal[PRE_ENVELOPE.live]!;
      const retried = await Promise.all([
        engine(keys).execute(
          on(PRE_ENVELOPE.live, fx.open({ ownerName: name, ownerEmail: email })),
          {
            idempotencyKey: 'k-5',
          },
        ),
        engine(keys).execute(
          on(PRE_ENVELOPE.live, { ...fx.card(), holderName: holder } as Command),
          {
            idempotencyKey: 'k-6',
          },
        ),
      ]);
      expect(retried.map((r) => [r.replayed, r.version])).toEqual([
        [true, 1],
        [true, 2],
      ]);
    });
  });
}
