import { SqliteEventStore, type TransactionalEventStore } from '@account-ops/event-store';
import { accountFixtures as fx, FakeClock, RFC_6238_SHA1_SECRET } from '@account-ops/testing';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generate } from 'otplib';
import { createAccountOps } from '../create-account-ops';
import { TotpStepUpVerifier } from '../security/totp-step-up-verifier';
import { DEADLINE_COLLECTION } from './deadline-records';

const SECRET = 'test-card-fingerprint-secret';

/**
 * SPEC §3 dual control through the engine on a real SQLite file: the payout to a card
 * that replaced another waits, and the durable timer starts it exactly once — with a
 * "restart" (a fresh engine on the reopened file) and two workers racing at the end.
 */
describe('payout hold after a card change (engine, SQLite, restart)', () => {
  let dir: string;
  let store: TransactionalEventStore;
  let clock: FakeClock;
  const open = () => new SqliteEventStore({ filename: join(dir, 'e.db') });
  const engine = (on = store) =>
    createAccountOps({
      store: on,
      clock,
      cardFingerprintSecret: SECRET,
      stepUpVerifier: new TotpStepUpVerifier({
        secrets: new Map([[fx.ADMIN.id, RFC_6238_SHA1_SECRET]]),
        usedSteps: on,
      }),
    });
  const code = () =>
    generate({ secret: RFC_6238_SHA1_SECRET, epoch: Math.floor(clock.now().getTime() / 1000) });

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'aos-payout-hold-'));
    store = open();
    clock = new FakeClock(fx.NOW);
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses an admin card replacement without a second factor (403 STEP_UP_REQUIRED)', async () => {
    const ops = engine();
    for (const command of fx.funded(10_000)) await ops.execute(command, fx.setUpOptions(command));
    await expect(ops.execute(fx.card(fx.MASTERCARD))).rejects.toMatchObject({
      code: 'STEP_UP_REQUIRED',
    });
    expect((await ops.load(fx.ACCOUNT_ID)).state.bankCard?.last4).toBe('1111');
  });

  it('waits 24 h, survives a restart, starts the payout exactly once, and tells the customer', async () => {
    let ops = engine();
    for (const command of fx.funded(10_000)) await ops.execute(command, fx.setUpOptions(command));
    clock.advanceMinutes(1); // a fresh TOTP step for the admin
    await ops.execute(fx.card(fx.MASTERCARD), { stepUpCode: await code() });
    await ops.execute(fx.refund('r1', 4_000));
    await ops.execute(fx.approve('r1'));
    const held = (await ops.load(fx.ACCOUNT_ID)).state.refunds['r1']!;
    expect(held.status).toBe('approved');
    expect(held.payoutHold).toEqual({
      reason: 'card_changed_recently',
      until: new Date(Date.parse(fx.NOW) + 24 * 3_600_000 + 60_000).toISOString(),
    });
    const records = await store.listRecords(DEADLINE_COLLECTION);
    expect(records.map((r) => r.sortKey)).toEqual([held.payoutHold!.until]);

    const notified = await ops.notifications.forAccount(fx.ACCOUNT_ID);
    const cardNotices = notified.filter((n) => n.notification.kind === 'card_changed');
    expect(cardNotices.map((n) => n.notification.facts)).toEqual([
      { last4: '1111', brand: 'visa' },
      { last4: '4444', brand: 'mastercard' },
    ]);
    expect(JSON.stringify(notified)).not.toContain(fx.MASTERCARD);

    // "Kill" the process before the hold ends; a new one on the same file finds the timer.
    await store.close();
    clock.advanceHours(23);
    store = open();
    ops = engine();
    expect((await ops.deadlines.runDue()).fired).toBe(0);
    clock.advanceHours(1);
    const second = open();
    const [a, b] = await Promise.all([ops.deadlines.runDue(), engine(second).deadlines.runDue()]);
    await second.close();
    expect(a.fired + b.fired).toBe(1);
    expect((await ops.deadlines.runDue()).fired).toBe(0);
    const started = (await store.readAll()).filter((e) => e.type === 'RefundPayoutStarted');
    expect(started).toHaveLength(1);
    expect(started[0]!.data).toMatchObject({ refundId: 'r1', cardLast4: '4444' });
    expect(started[0]!.metadata.actor).toEqual({ id: 'deadline-scheduler', roles: ['scheduler'] });
    expect((await ops.load(fx.ACCOUNT_ID)).state.refunds['r1']!.status).toBe('payout_pending');
    expect(await store.listRecords(DEADLINE_COLLECTION)).toEqual([]);
  });
});
