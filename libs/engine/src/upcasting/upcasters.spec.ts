import { MemoryEventStore, type JsonObject } from '@account-ops/event-store';
import { accountFixtures as fx, FakeClock } from '@account-ops/testing';
import { createAccountOps } from '../create-account-ops';
import { accountStreamId } from '../repository/account-stream';
import { Upcasters } from './upcasters';

// A legacy event from an imagined earlier release: another name, the amount under another key.
const legacyTopUp = {
  type: 'TopUpStarted',
  schemaVersion: 1,
  data: {
    topUpId: 'old-1',
    amountMinor: 700,
    channel: 'card',
    reference: 'psp-old-1',
    at: fx.NOW,
    by: 'gateway',
  },
  metadata: { actor: fx.SYSTEM },
};

const upcasters = () =>
  new Upcasters().register('TopUpStarted', 1, ({ data }) => {
    const { amountMinor, channel, reference, ...rest } = data as JsonObject;
    return {
      type: 'TopUpInitiated',
      schemaVersion: 1,
      data: {
        ...rest,
        amount: amountMinor!,
        method: channel!,
        paymentReference: reference!,
        stepUpVerified: false,
      },
    };
  });

describe('upcasters', () => {
  it('upgrades stored events of an old schema on every load, leaving the stored form alone', async () => {
    const store = new MemoryEventStore();
    const options = {
      store,
      clock: new FakeClock(fx.NOW),
      cardFingerprintSecret: 'test-card-fingerprint-secret',
    };
    await createAccountOps(options).execute(fx.open());
    await store.appendToStream(accountStreamId(fx.ACCOUNT_ID), [legacyTopUp], {
      expectedVersion: 1,
    });

    const withUpcasters = createAccountOps({ ...options, upcasters: upcasters() });
    expect((await withUpcasters.load(fx.ACCOUNT_ID)).state.balance.pendingIn).toBe(700);
    const settled = await withUpcasters.execute(fx.settle('old-1'));
    expect(settled.state.balance).toEqual({ available: 700, held: 0, pendingIn: 0 });
    const stored = await store.readStream(accountStreamId(fx.ACCOUNT_ID));
    expect(stored[1]).toMatchObject({ type: 'TopUpStarted', data: { amountMinor: 700 } });
    // Without the upcaster the unknown legacy event is not understood: the money is invisible.
    expect((await createAccountOps(options).load(fx.ACCOUNT_ID)).state.balance.pendingIn).toBe(0);
  });

  it('refuses a second upcaster for the same type and version', () => {
    expect(() => upcasters().register('TopUpStarted', 1, (e) => e)).toThrow(/already registered/);
  });

  it('refuses an upcaster that does not move the event forward', () => {
    const stuck = new Upcasters().register('E', 1, (e) => ({ ...e }));
    expect(() => stuck.upcast({ type: 'E', schemaVersion: 1, data: {} })).toThrow(
      /raise the schema version/,
    );
  });

  it('chains upcasters until none applies', () => {
    const chain = new Upcasters()
      .register('E', 1, (e) => ({ ...e, schemaVersion: 2, data: { v: 2 } }))
      .register('E', 2, (e) => ({ ...e, schemaVersion: 3, data: { v: 3 } }));
    expect(chain.upcast({ type: 'E', schemaVersion: 1, data: { v: 1 } })).toEqual({
      type: 'E',
      schemaVersion: 3,
      data: { v: 3 },
    });
    expect(chain.upcast({ type: 'Other', schemaVersion: 1, data: 1 })).toEqual({
      type: 'Other',
      schemaVersion: 1,
      data: 1,
    });
  });
});
