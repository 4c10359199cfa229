import { MemoryEventStore } from '@account-ops/event-store';
import { accountFixtures as fx, FakeClock } from '@account-ops/testing';
import { createAccountOps } from '../create-account-ops';
import { logNotificationSender } from './outbox';
import type { Notification, NotificationSender } from './notification';

class RecordingSender implements NotificationSender {
  readonly sent: Notification[] = [];
  failuresLeft = 0;
  async send(notification: Notification): Promise<void> {
    if (this.failuresLeft > 0) {
      this.failuresLeft--;
      throw new Error('smtp unavailable');
    }
    this.sent.push(notification);
  }
}

function setup() {
  const store = new MemoryEventStore();
  const clock = new FakeClock(fx.NOW);
  const sender = new RecordingSender();
  const ops = createAccountOps({
    store,
    clock,
    cardFingerprintSecret: 'test-card-fingerprint-secret',
    notificationSender: sender,
  });
  return { store, clock, sender, ops };
}

async function refundPaidOut(ops: ReturnType<typeof setup>['ops']) {
  for (const command of fx.funded(10_000)) await ops.execute(command, fx.setUpOptions(command));
  await ops.execute(fx.refund('r1', 2_500));
  await ops.execute(fx.approve('r1'));
  await ops.execute(fx.command('MarkRefundPaidOut', { refundId: 'r1', payoutReference: 'po-1' }));
}

describe('notification outbox', () => {
  it('queues one notification per customer-facing event and delivers each once', async () => {
    const { ops, sender } = setup();
    await refundPaidOut(ops);
    expect(
      (await ops.notifications.forAccount(fx.ACCOUNT_ID)).map((e) => [
        e.notification.kind,
        e.status,
      ]),
    ).toEqual([
      ['card_changed', 'pending'],
      ['refund_approved', 'pending'],
      ['refund_paid_out', 'pending'],
    ]);
    expect(await ops.notifications.runDue()).toEqual({ sent: 3, retrying: 0, failed: 0 });
    expect(sender.sent.map((n) => n.kind)).toEqual([
      'card_changed',
      'refund_approved',
      'refund_paid_out',
    ]);
    // The card's last four digits and brand, never its number.
    expect(sender.sent[0]!.facts).toEqual({ last4: fx.VISA.slice(-4), brand: 'visa' });
    expect(sender.sent[2]).toMatchObject({
      id: `${fx.ACCOUNT_ID}:8`,
      facts: { refundId: 'r1', amount: 2_500 },
    });
    expect(await ops.notifications.runDue()).toEqual({ sent: 0, retrying: 0, failed: 0 });
    expect(
      (await ops.notifications.forAccount(fx.ACCOUNT_ID)).every((e) => e.status === 'sent'),
    ).toBe(true);
  });

  it('retries a failing delivery with backoff, then parks it as failed', async () => {
    const { ops, sender, clock } = setup();
    for (const command of fx.funded(1_000)) await ops.execute(command, fx.setUpOptions(command));
    await ops.notifications.runDue(); // the card set up with the account
    await ops.execute(fx.command('Freeze', { reason: 'manual', note: 'fraud check' }));
    sender.failuresLeft = 1;
    expect(await ops.notifications.runDue()).toEqual({ sent: 0, retrying: 1, failed: 0 });
    expect(await ops.notifications.runDue()).toEqual({ sent: 0, retrying: 0, failed: 0 });
    clock.advance(30_000);
    expect(await ops.notifications.runDue()).toEqual({ sent: 1, retrying: 0, failed: 0 });
    expect(sender.sent.map((n) => n.kind)).toEqual(['card_changed', 'account_frozen']);

    await ops.execute(fx.command('Unfreeze', { reason: 'manual', note: 'cleared' }));
    sender.failuresLeft = 100;
    let report;
    for (let i = 0; i < 8; i++) {
      report = await ops.notifications.runDue();
      clock.advanceHours(1);
    }
    expect(report).toEqual({ sent: 0, retrying: 0, failed: 1 });
    const [, , unfrozen] = await ops.notifications.forAccount(fx.ACCOUNT_ID);
    expect(unfrozen).toMatchObject({
      status: 'failed',
      attempts: 8,
      lastError: 'smtp unavailable',
    });
  });

  it('lists notifications per account and carries no personal data', async () => {
    const { ops } = setup();
    await refundPaidOut(ops);
    await ops.execute({ ...fx.open(), accountId: 'acc-10' });
    expect(await ops.notifications.forAccount('acc-10')).toEqual([]);
    const text = JSON.stringify(await ops.notifications.forAccount(fx.ACCOUNT_ID));
    ['Li Wei', 'li.wei@example.com', fx.VISA].forEach((personal) =>
      expect(text).not.toContain(personal),
    );
  });

  it('logs as one JSON line by default', async () => {
    const lines: string[] = [];
    const notification = {
      id: 'a:1',
      accountId: 'a',
      kind: 'account_frozen',
      eventVersion: 1,
      occurredAt: fx.NOW,
      facts: {},
    } as const;
    await logNotificationSender((line) => lines.push(line)).send(notification);
    expect(JSON.parse(lines[0]!)).toEqual({ msg: 'notification', ...notification });
  });
});
