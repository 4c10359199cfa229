import { MemoryEventStore } from '@account-ops/event-store';
import { accountFixtures as fx, FakeClock } from '@account-ops/testing';
import fc from 'fast-check';
import { createAccountOps } from '../create-account-ops';
import { AccountRepository } from './account-repository';
import { SNAPSHOT_SCHEMA, Snapshots } from './snapshots';
import { PersonalDataVault } from '../privacy/personal-data-vault';
import { defaultKeyProvider } from '../privacy/default-key-provider';

/** The vault the engine built on this store (same development key). */
const vaultOf = (store: MemoryEventStore) =>
  new PersonalDataVault(store, defaultKeyProvider(store));

const SECRET = 'test-card-fingerprint-secret';

type Step =
  | { kind: 'topUp' | 'refund' | 'limits'; amount: number }
  | { kind: 'freeze' | 'unfreeze' | 'approve' };

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({
    kind: fc.constantFrom('topUp' as const, 'refund' as const, 'limits' as const),
    amount: fc.integer({ min: 1, max: 50_000 }),
  }),
  fc.record({ kind: fc.constantFrom('freeze' as const, 'unfreeze' as const, 'approve' as const) }),
);

async function play(steps: Step[], snapshotEvery: number) {
  const store = new MemoryEventStore();
  const clock = new FakeClock(fx.NOW);
  const ops = createAccountOps({
    store,
    clock,
    cardFingerprintSecret: SECRET,
    config: { snapshotEvery },
    // Every code passes: SetTopUpLimits always needs one, and this test is about snapshots.
    stepUpVerifier: { verify: async () => true },
  });
  for (const command of fx.funded(10_000)) await ops.execute(command, fx.setUpOptions(command));
  for (const [i, s] of steps.entries()) {
    clock.advanceMinutes(1);
    if (s.kind === 'limits') {
      const limits = fx.command('SetTopUpLimits', { dailyMax: s.amount * 3, reason: 'review' });
      await ops.execute(limits, { stepUpCode: '000000' });
      continue;
    }
    const commands =
      s.kind === 'topUp'
        ? [fx.topUp(`t${i}`, s.amount), fx.settle(`t${i}`)]
        : s.kind === 'refund'
          ? [fx.refund(`r${i}`, s.amount)]
          : s.kind === 'approve'
            ? [fx.approve(`r${i - 1}`)]
            : s.kind === 'freeze'
              ? [fx.command('Freeze', { reason: 'manual', note: 'n' })]
              : [fx.command('Unfreeze', { reason: 'manual', note: 'n' })];
    // Refusals are part of a random history; only what was appended matters.
    for (const command of commands) await ops.execute(command).catch(() => undefined);
  }
  return { store, ops };
}

describe('snapshots', () => {
  it('snapshot + tail equals a full replay, at the head and at every earlier version', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(step, { maxLength: 25 }),
        fc.integer({ min: 1, max: 7 }),
        async (steps, every) => {
          const { store, ops } = await play(steps, every);
          // The same reads without snapshots: personal fields decrypted the same way.
          const plain = new AccountRepository(store, undefined, vaultOf(store));
          // State and version; `lastOccurredAt` is known only when an event was read.
          const loaded = async (from: Pick<AccountRepository, 'load'>, v?: number) => {
            const { state, version } = await from.load(fx.ACCOUNT_ID, v);
            return { state, version };
          };
          const head = await loaded(plain);
          expect(await loaded(ops)).toEqual(head);
          for (let v = 1; v <= head.version; v++) {
            expect(await loaded(ops, v)).toEqual(await loaded(plain, v));
          }
          const saved = await store.getRecord('snapshot', fx.ACCOUNT_ID);
          const lastBoundary = Math.floor(head.version / every) * every;
          if (lastBoundary === 0) expect(saved).toBeUndefined();
          else {
            // Written by the append that crossed the last boundary, at that append's version.
            const value = saved?.value as { schema: number; version: number };
            expect(value.schema).toBe(SNAPSHOT_SCHEMA);
            expect(value.version).toBeGreaterThanOrEqual(lastBoundary);
            expect(value.version).toBeLessThanOrEqual(head.version);
          }
        },
      ),
      { numRuns: 40 },
    );
  });

  it('loads from the snapshot rather than from the first event', async () => {
    const { store } = await play([], 2);
    const snapshots = new Snapshots(store, 2, vaultOf(store));
    const latest = await snapshots.latest(fx.ACCOUNT_ID);
    expect(latest?.version).toBe(4);
    const marked = { ...latest!.state, ownerName: 'from-snapshot' };
    await snapshots.save(fx.ACCOUNT_ID, 4, marked);
    expect((await new AccountRepository(store, snapshots).load(fx.ACCOUNT_ID)).state).toMatchObject(
      { ownerName: 'from-snapshot' },
    );
  });

  it('ignores a snapshot of another schema and rebuilds from the events', async () => {
    const { store } = await play([{ kind: 'topUp', amount: 500 }], 2);
    await store.writeRecords([
      {
        op: 'upsert',
        collection: 'snapshot',
        key: fx.ACCOUNT_ID,
        value: { schema: 1, version: 4, state: { bogus: true } },
      },
    ]);
    const withSnapshots = new AccountRepository(store, new Snapshots(store, 2, vaultOf(store)));
    expect(await withSnapshots.load(fx.ACCOUNT_ID)).toEqual(
      await new AccountRepository(store).load(fx.ACCOUNT_ID),
    );
  });

  it('loads a snapshot of the previous schema (2, before account limits) as a full replay would', async () => {
    const { store } = await play([{ kind: 'topUp', amount: 500 }], 1_000);
    const full = await new AccountRepository(store).load(fx.ACCOUNT_ID);
    // What schema 2 stored: the same state without topUpLimits.
    const { topUpLimits: _dropped, ...older } = full.state;
    const v2 = new Snapshots(store, 2, vaultOf(store), 2);
    await v2.save(fx.ACCOUNT_ID, full.version, older as typeof full.state);
    const current = new Snapshots(store, 2, vaultOf(store));
    const loaded = await current.latest(fx.ACCOUNT_ID);
    expect(loaded?.version).toBe(full.version);
    expect(loaded?.state).toEqual(full.state);
    expect(loaded?.state.topUpLimits).toEqual({ singleMax: null, dailyMax: null });
    expect(SNAPSHOT_SCHEMA).toBe(3);
  });
});
