import { MemoryEventStore, verifyStream } from '@account-ops/event-store';
import { accountFixtures as fx, FakeClock } from '@account-ops/testing';
import { createAccountOps } from '../create-account-ops';
import type { Notification } from '../notifications/notification';
import { accountStreamId } from '../repository/account-stream';
import { ERASED } from './field-cipher';

const c = fx.command;
const WORDS = {
  freeze: 'Zelda Shredworthy asked us to look',
  rejection: 'Zelda Shredworthy already got it back',
  cancellation: 'Zelda Shredworthy is moving to Oslo',
};

async function story() {
  const store = new MemoryEventStore();
  const clock = new FakeClock(fx.NOW);
  const sent: Notification[] = [];
  const ops = createAccountOps({
    store,
    clock,
    cardFingerprintSecret: 'test-card-fingerprint-secret',
    notificationSender: { send: async (n) => void sent.push(n) },
  });
  for (const command of fx.funded(10_000)) await ops.execute(command, fx.setUpOptions(command));
  await ops.execute(c('Freeze', { reason: 'manual', note: WORDS.freeze }));
  await ops.execute(c('Unfreeze', { reason: 'manual', note: 'ok' }));
  await ops.execute(fx.refund('r1', 1_000));
  await ops.execute(c('RejectRefund', { refundId: 'r1', reason: WORDS.rejection }));
  await ops.execute(c('RequestCancellation', { reason: WORDS.cancellation }));
  return { store, clock, ops, sent };
}

const storedText = async (store: MemoryEventStore) =>
  JSON.stringify([
    (await store.readAll()).map(({ data }) => data),
    await store.listRecords('outbox'),
    await store.listRecords('idempotency'),
    await store.listRecords('snapshot'),
  ]);

describe('crypto-shredding of free text (notes, reasons, decision reasons)', () => {
  it('stores it only sealed; the state, the opener and the notification read it in clear', async () => {
    const { store, ops, sent } = await story();
    const text = await storedText(store);
    Object.values(WORDS).forEach((words) => expect(text).not.toContain(words));
    expect(text).not.toContain('Zelda');
    const { state } = await ops.load(fx.ACCOUNT_ID);
    expect(state.cancellation?.reason).toBe(WORDS.cancellation);
    expect(state.refunds.r1?.decisionReason).toBe(WORDS.rejection);
    const events = await store.readStream(accountStreamId(fx.ACCOUNT_ID));
    const rejected = events.find((e) => e.type === 'RefundRejected')!;
    const sealed = (rejected.data as { reason: string }).reason;
    expect(sealed).toMatch(/^enc:v1:/);
    const opener = ops.textOpener();
    expect(await opener.openText(fx.ACCOUNT_ID, 'RefundRejected', 'reason', sealed)).toBe(
      WORDS.rejection,
    );
    // Bound to its place: the same ciphertext is not another field's.
    await expect(
      opener.openText(fx.ACCOUNT_ID, 'CancellationRequested', 'reason', sealed),
    ).rejects.toThrow();
    await ops.notifications.runDue();
    expect(sent.find((n) => n.kind === 'refund_rejected')?.facts.reason).toBe(WORDS.rejection);
  });

  it('erases it at closure: state, replay at any version, opener; money and chain stay', async () => {
    const { store, clock, ops } = await story();
    const rejected = (await store.readStream(accountStreamId(fx.ACCOUNT_ID))).find(
      (e) => e.type === 'RefundRejected',
    )!;
    await ops.execute(c('ConfirmCancellation', {}));
    clock.advanceDays(30);
    await ops.deadlines.runDue();
    const { state, version } = await ops.load(fx.ACCOUNT_ID);
    expect(state.status).toBe('closed');
    expect(state.cancellation?.reason).toBe(ERASED);
    expect(state.refunds.r1).toMatchObject({ decisionReason: ERASED, amount: 1_000 });
    const fresh = createAccountOps({
      store,
      clock,
      cardFingerprintSecret: 'test-card-fingerprint-secret',
    });
    const replayed = await fresh.load(fx.ACCOUNT_ID);
    expect(JSON.stringify(replayed.state)).not.toContain('Zelda');
    expect(replayed.state.balance).toEqual(state.balance);
    const beforeRejection = await fresh.load(fx.ACCOUNT_ID, rejected.version);
    expect(beforeRejection.state.refunds.r1?.decisionReason).toBe(ERASED);
    const sealed = (rejected.data as { reason: string }).reason;
    const opener = fresh.textOpener();
    expect(await opener.openText(fx.ACCOUNT_ID, 'RefundRejected', 'reason', sealed)).toBe(ERASED);
    // Text stored in clear before free text was sealed reads as erased once the key is gone.
    expect(await opener.openText(fx.ACCOUNT_ID, 'RefundRejected', 'reason', 'old words')).toBe(
      ERASED,
    );
    const events = await store.readStream(accountStreamId(fx.ACCOUNT_ID));
    expect(events).toHaveLength(version);
    expect(await verifyStream(accountStreamId(fx.ACCOUNT_ID), events)).toMatchObject({ ok: true });
  });

  it('keeps someone’s words out of webhook payloads', async () => {
    const { deliveryFor } = await import('../webhooks/webhook-payload');
    const { store } = await story();
    const events = await store.readStream(accountStreamId(fx.ACCOUNT_ID));
    const bodies = events.map((e) => deliveryFor(e, ['*'])?.payload ?? '').join('\n');
    expect(bodies).not.toContain('enc:v1:');
    expect(bodies).toContain('"kind":"refund_rejected"');
  });
});
