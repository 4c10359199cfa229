import { MemoryEventStore, verifyStream } from '@account-ops/event-store';
import { accountFixtures as fx, FakeClock } from '@account-ops/testing';
import { createAccountOps } from '../create-account-ops';
import { accountStreamId } from '../repository/account-stream';
import { toNewEvent } from '../repository/event-mapping';
import { scanClearFreeText } from './clear-free-text';
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
  for (const command of fx.funded(10_000)) await ops.execute(command);
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
