import { MemoryEventStore, verifyStream } from '@account-ops/event-store';
import { accountFixtures as fx, FakeClock } from '@account-ops/testing';
import { createAccountOps } from '../create-account-ops';
import { accountStreamId } from '../repository/account-stream';
import { toNewEvent } from '../repository/event-mapping';
import { OUTBOX_COLLECTION } from '../notifications/outbox';
import { scanClearFreeText } from './clear-free-text';
import { keyStatus, rewrapDataKeys } from './key-rotation';
import { LocalKeyProvider } from './local-key-provider';
import { ERASED } from './field-cipher';

const OLD_WORDS = 'Zelda Shredworthy wrote this before notes were sealed';

/**
 * A store written partly by the previous version: its cancellation reason went to the log
 * in clear (appended here as that version did, bypassing the vault).
 */
async function legacyStore() {
  const store = new MemoryEventStore();
  const clock = new FakeClock(fx.NOW);
  const ops = createAccountOps({
    store,
    clock,
    cardFingerprintSecret: 'test-card-fingerprint-secret',
  });
  for (const command of fx.funded(10_000)) await ops.execute(command, fx.setUpOptions(command));
  const { version } = await ops.load(fx.ACCOUNT_ID);
  await store.appendToStream(
    accountStreamId(fx.ACCOUNT_ID),
    [
      toNewEvent(
        {
          type: 'CancellationRequested',
          data: { reason: OLD_WORDS, at: clock.now().toISOString(), by: fx.ADMIN.id },
        },
        {
          actor: fx.ADMIN,
          occurredAt: clock.now().toISOString(),
          correlationId: 'c-old',
          causationId: 'c-old',
        },
      ),
    ],
    { expectedVersion: version },
  );
  // A fresh engine, as after the upgrade.
  const upgraded = createAccountOps({
    store,
    clock,
    cardFingerprintSecret: 'test-card-fingerprint-secret',
  });
  await upgraded.execute(fx.command('Freeze', { reason: 'manual', note: 'sealed from now on' }));
  await upgraded.execute(fx.command('Unfreeze', { reason: 'manual', note: 'sealed too' }));
  return { store, clock, ops: upgraded, legacyVersion: version + 1 };
}

describe('free text written before it was sealed', () => {
  it('keys free-text inventories it: which fields, how many events and accounts, which are closed', async () => {
    const { store } = await legacyStore();
    const report = await scanClearFreeText(store, { batchSize: 2 });
    expect(report).toMatchObject({
      eventsInClear: 1,
      byField: { 'CancellationRequested.reason': 1 },
      accounts: 1,
      closedAccounts: 0,
    });
    expect(report.eventsScanned).toBe((await store.readAll()).length);
  });

  it('reads in clear while the account lives and [erased] at every version once it is closed', async () => {
    const { store, clock, ops, legacyVersion } = await legacyStore();
    expect((await ops.load(fx.ACCOUNT_ID)).state.cancellation?.reason).toBe(OLD_WORDS);
    await ops.execute(fx.command('ConfirmCancellation', {}));
    clock.advanceDays(30);
    await ops.deadlines.runDue();
    const fresh = createAccountOps({
      store,
      clock,
      cardFingerprintSecret: 'test-card-fingerprint-secret',
    });
    const atThen = await fresh.load(fx.ACCOUNT_ID, legacyVersion);
    expect(atThen.state.cancellation?.reason).toBe(ERASED);
    expect((await fresh.load(fx.ACCOUNT_ID)).state.cancellation?.reason).toBe(ERASED);
    expect(
      await fresh
        .textOpener()
        .openText(fx.ACCOUNT_ID, 'CancellationRequested', 'reason', OLD_WORDS),
    ).toBe(ERASED);
    // The log itself still holds them (immutable, hash-chained): the inventory says where.
    const report = await scanClearFreeText(store);
    expect(report).toMatchObject({ closedAccounts: 1, closed: [fx.ACCOUNT_ID] });
    const events = await store.readStream(accountStreamId(fx.ACCOUNT_ID));
    expect(await verifyStream(accountStreamId(fx.ACCOUNT_ID), events)).toMatchObject({ ok: true });
  });
});

describe('keys rewrap: outbox rows written before free text was sealed', () => {
  const keys = new LocalKeyProvider([{ id: 'k1', key: Buffer.alloc(32, 0x11) }], 'the test ring');

  async function withLegacyOutboxRow(close: boolean) {
    const store = new MemoryEventStore();
    const clock = new FakeClock(fx.NOW);
    const sent: unknown[] = [];
    const ops = createAccountOps({
      store,
      clock,
      keyProvider: keys,
      cardFingerprintSecret: 'test-card-fingerprint-secret',
      notificationSender: { send: async (n) => void sent.push(n.facts.reason) },
    });
    for (const command of fx.funded(10_000)) await ops.execute(command, fx.setUpOptions(command));
    await ops.execute(fx.refund('r1', 1_000));
    await ops.execute(fx.command('RejectRefund', { refundId: 'r1', reason: 'new words' }));
    if (close) {
      await ops.execute(fx.command('RequestCancellation', { reason: 'leaving' }));
      await ops.execute(fx.command('ConfirmCancellation', {}));
      clock.advanceDays(30);
      await ops.deadlines.runDue();
    }
    // What the previous version wrote: the reason in clear.
    const row = (await store.listRecords(OUTBOX_COLLECTION)).find(
      (r) =>
        (r.value as { notification: { kind: string } }).notification.kind === 'refund_rejected',
    )!;
    const entry = row.value as { notification: { facts: Record<string, unknown> } };
    const facts = { ...entry.notification.facts, reason: OLD_WORDS };
    await store.writeRecords([
      {
        op: 'update',
        collection: OUTBOX_COLLECTION,
        key: row.key,
        sortKey: row.sortKey,
        value: { ...entry, notification: { ...entry.notification, facts } },
      },
    ]);
    return { store, ops, sent, row };
  }

  it('status says so; rewrap seals it, keeps its due time, and the dispatcher sends it in clear', async () => {
    const { store, ops, sent, row } = await withLegacyOutboxRow(false);
    expect(await keyStatus(store, keys)).toMatchObject({
      outbox: { inClear: 1 },
      rewrapDue: true,
    });
    const report = await rewrapDataKeys(store, keys);
    expect(report.outbox).toMatchObject({ sealed: 1, erased: 0 });
    expect(JSON.stringify(await store.listRecords(OUTBOX_COLLECTION))).not.toContain('Zelda');
    const after = await store.getRecord(OUTBOX_COLLECTION, row.key);
    expect(after?.sortKey).toBe(row.sortKey);
    expect(await keyStatus(store, keys)).toMatchObject({
      outbox: { inClear: 0 },
      rewrapDue: false,
    });
    await ops.notifications.runDue();
    expect(sent).toContain(OLD_WORDS);
    expect((await rewrapDataKeys(store, keys)).outbox).toMatchObject({ sealed: 0, erased: 0 });
  });

  it('of a closed account: rewrap replaces it by [erased]', async () => {
    const { store } = await withLegacyOutboxRow(true);
    expect((await rewrapDataKeys(store, keys)).outbox).toMatchObject({ sealed: 0, erased: 1 });
    const text = JSON.stringify(await store.listRecords(OUTBOX_COLLECTION));
    expect(text).not.toContain('Zelda');
    expect(text).toContain(ERASED);
  });
});
