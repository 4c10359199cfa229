import {
  MemoryEventStore,
  SqliteEventStore,
  type TransactionalEventStore,
} from '@account-ops/event-store';
import { accountFixtures as fx, FakeClock } from '@account-ops/testing';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAccountOps } from '../create-account-ops';
import { DEADLINE_COLLECTION } from './deadline-records';

const SECRET = 'test-card-fingerprint-secret';

describe.each([
  ['memory', () => ({ store: new MemoryEventStore(), cleanup: (): void => undefined })],
  [
    'sqlite',
    () => {
      const dir = mkdtempSync(join(tmpdir(), 'aos-deadlines-'));
      return {
        store: new SqliteEventStore({ filename: join(dir, 'e.db') }),
        cleanup: () => rmSync(dir, { recursive: true, force: true }),
      };
    },
  ],
] as const)('durable deadlines on %s', (_name, open) => {
  let store: TransactionalEventStore;
  let cleanup: () => void;
  let clock: FakeClock;
  const engine = () => createAccountOps({ store, clock, cardFingerprintSecret: SECRET });
  beforeEach(() => {
    ({ store, cleanup } = open());
    clock = new FakeClock(fx.NOW);
  });
  afterEach(async () => {
    await store.close();
    cleanup();
  });

  async function requestRefund(amount = 4_000) {
    const ops = engine();
    for (const command of fx.funded(10_000)) await ops.execute(command, fx.setUpOptions(command));
    await ops.execute(fx.refund('r1', amount));
    return ops;
  }

  const refundStatus = async (ops: ReturnType<typeof engine>) =>
    (await ops.load(fx.ACCOUNT_ID)).state.refunds['r1']?.status;

  it('stores the approval SLA with the request and fires it once when it passes', async () => {
    const ops = await requestRefund();
    expect(await store.listRecords(DEADLINE_COLLECTION)).toHaveLength(1);
    clock.advanceHours(71);
    expect(await ops.deadlines.runDue()).toEqual({
      fired: 0,
      stale: 0,
      rescheduled: 0,
      failed: [],
    });
    clock.advanceHours(1);
    expect(await ops.deadlines.runDue()).toEqual({
      fired: 1,
      stale: 0,
      rescheduled: 0,
      failed: [],
    });
    expect(await refundStatus(ops)).toBe('expired');
    expect((await ops.load(fx.ACCOUNT_ID)).state.balance).toEqual({
      available: 10_000,
      held: 0,
      pendingIn: 0,
    });
    expect(await store.listRecords(DEADLINE_COLLECTION)).toEqual([]);
    expect(await ops.deadlines.runDue()).toEqual({
      fired: 0,
      stale: 0,
      rescheduled: 0,
      failed: [],
    });
  });

  it('leaves nothing to fire after an approval before the SLA', async () => {
    const ops = await requestRefund();
    await ops.execute(fx.approve('r1'));
    expect(await store.listRecords(DEADLINE_COLLECTION)).toEqual([]);
    clock.advanceDays(10);
    expect((await ops.deadlines.runDue()).fired).toBe(0);
    expect(await refundStatus(ops)).toBe('payout_pending');
  });

  it('fires exactly once when two workers (or a restarted one) run at the same time', async () => {
    await requestRefund();
    clock.advanceHours(73);
    const [a, b] = await Promise.all([engine().deadlines.runDue(), engine().deadlines.runDue()]);
    expect(a.fired + b.fired).toBe(1);
    const expired = (await store.readAll()).filter((e) => e.type === 'RefundExpired');
    expect(expired).toHaveLength(1);
  });

  it('removes a leftover deadline whose work was already done, writing no event', async () => {
    const ops = await requestRefund();
    clock.advanceHours(73);
    const [leftover] = await store.listRecords(DEADLINE_COLLECTION);
    await ops.deadlines.runDue();
    // As if a crash had left the record behind: put it back.
    await store.writeRecords([
      {
        op: 'upsert',
        collection: DEADLINE_COLLECTION,
        key: leftover!.key,
        sortKey: leftover!.sortKey,
        value: leftover!.value,
      },
    ]);
    const head = await store.headPosition();
    expect(await engine().deadlines.runDue()).toEqual({
      fired: 0,
      stale: 1,
      rescheduled: 0,
      failed: [],
    });
    expect(await store.headPosition()).toEqual(head);
    expect(await store.listRecords(DEADLINE_COLLECTION)).toEqual([]);
  });

  it('closes the account when the retention window passes, and not before', async () => {
    const ops = engine();
    for (const command of fx.funded(10_000)) await ops.execute(command, fx.setUpOptions(command));
    await ops.execute(fx.command('RequestCancellation', { reason: 'moving to another provider' }));
    await ops.execute(fx.command('ConfirmCancellation', {}));
    clock.advanceDays(29);
    expect((await ops.deadlines.runDue()).fired).toBe(0);
    expect((await ops.load(fx.ACCOUNT_ID)).state.status).toBe('cancelled');
    clock.advanceDays(1);
    expect((await ops.deadlines.runDue()).fired).toBe(1);
    expect((await ops.load(fx.ACCOUNT_ID)).state.status).toBe('closed');
  });

  it('forgets the retention deadline on reactivation', async () => {
    const ops = engine();
    for (const command of fx.funded(10_000)) await ops.execute(command, fx.setUpOptions(command));
    await ops.execute(fx.command('RequestCancellation', { reason: 'moving' }));
    await ops.execute(fx.command('ConfirmCancellation', {}));
    await ops.execute(fx.command('ReactivateAccount', {}));
    clock.advanceDays(31);
    expect(await ops.deadlines.runDue()).toEqual({
      fired: 0,
      stale: 0,
      rescheduled: 0,
      failed: [],
    });
    expect((await ops.load(fx.ACCOUNT_ID)).state.status).toBe('active');
  });
});
