import { MemoryEventStore, verifyStream } from '@account-ops/event-store';
import { accountFixtures as fx, FakeClock } from '@account-ops/testing';
import { createAccountOps } from '../create-account-ops';
import { accountStreamId } from '../repository/account-stream';
import { ERASED } from './field-cipher';

const PERSONAL = ['Li Wei', 'li.wei@example.com', 'LI WEI'];

async function closedAccount() {
  const store = new MemoryEventStore();
  const clock = new FakeClock(fx.NOW);
  const ops = createAccountOps({
    store,
    clock,
    cardFingerprintSecret: 'test-card-fingerprint-secret',
    config: { snapshotEvery: 2 },
  });
  for (const command of fx.funded(10_000)) await ops.execute(command, fx.setUpOptions(command));
  const beforeClosing = await ops.load(fx.ACCOUNT_ID);
  await ops.execute(fx.command('RequestCancellation', { reason: 'moving' }));
  await ops.execute(fx.command('ConfirmCancellation', {}));
  clock.advanceDays(30);
  await ops.deadlines.runDue();
  return { store, ops, beforeClosing };
}

const storedText = async (store: MemoryEventStore) =>
  JSON.stringify([
    (await store.readAll()).map(({ data }) => data),
    await store.listRecords('snapshot'),
    await store.listRecords('data-key'),
  ]);

describe('crypto-shredding of personal data', () => {
  it('stores personal fields only encrypted, and reads them back in clear while the account lives', async () => {
    const store = new MemoryEventStore();
    const ops = createAccountOps({
      store,
      clock: new FakeClock(fx.NOW),
      cardFingerprintSecret: 'test-card-fingerprint-secret',
    });
    for (const command of fx.funded(10_000)) await ops.execute(command, fx.setUpOptions(command));
    const [opened] = await store.readStream(accountStreamId(fx.ACCOUNT_ID));
    expect(opened!.data).toMatchObject({
      ownerName: expect.stringMatching(/^enc:v1:/),
      ownerEmail: expect.stringMatching(/^enc:v1:/),
    });
    const events = JSON.stringify((await store.readAll()).map(({ data }) => data));
    PERSONAL.forEach((text) => expect(events).not.toContain(text));
    expect((await ops.load(fx.ACCOUNT_ID, 1)).state).toMatchObject({
      owner: { name: 'Li Wei', email: 'li.wei@example.com' },
    });
  });

  it('erases them on closure while the history and its hash chain stay intact', async () => {
    const { store, ops, beforeClosing } = await closedAccount();
    expect((await ops.load(fx.ACCOUNT_ID)).state.status).toBe('closed');
    expect(await store.listRecords('data-key')).toEqual([]);
    const atOpening = await ops.load(fx.ACCOUNT_ID, 1);
    expect(atOpening.state).toMatchObject({ owner: { name: ERASED, email: ERASED } });
    const history = await ops.load(fx.ACCOUNT_ID, beforeClosing.version);
    expect(history.state.balance).toEqual(beforeClosing.state.balance);
    const text = await storedText(store);
    PERSONAL.forEach((personal) => expect(text).not.toContain(personal));
    const events = await store.readStream(accountStreamId(fx.ACCOUNT_ID));
    expect(await verifyStream(accountStreamId(fx.ACCOUNT_ID), events)).toMatchObject({ ok: true });
  });

  it('refuses to read a personal field whose ciphertext was altered', async () => {
    const store = new MemoryEventStore();
    const ops = createAccountOps({
      store,
      clock: new FakeClock(fx.NOW),
      cardFingerprintSecret: 'test-card-fingerprint-secret',
    });
    await ops.execute(fx.open());
    store.tamper(accountStreamId(fx.ACCOUNT_ID), 1, (event) => {
      const data = event.data as Record<string, string>;
      const flipped = data.ownerName!.slice(0, -2) + (data.ownerName!.endsWith('A') ? 'BB' : 'AA');
      return { ...event, data: { ...data, ownerName: flipped } };
    });
    // A fresh engine (as after a restart): this process' cache still holds the state it wrote.
    const fresh = createAccountOps({
      store,
      clock: new FakeClock(fx.NOW),
      cardFingerprintSecret: 'test-card-fingerprint-secret',
    });
    await expect(fresh.load(fx.ACCOUNT_ID)).rejects.toThrow();
    await expect(ops.load(fx.ACCOUNT_ID, 1)).rejects.toThrow();
  });
});
