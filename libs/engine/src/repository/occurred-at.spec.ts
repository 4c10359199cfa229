import { MemoryEventStore } from '@account-ops/event-store';
import { accountFixtures as fx, FakeClock } from '@account-ops/testing';
import { createAccountOps } from '../create-account-ops';
import { testKeyProvider } from '../privacy/testing/test-key-provider';
import type { ClockStepBack } from './account-repository';
import { accountStreamId } from './account-stream';

describe("an event's occurredAt never goes before its predecessor's", () => {
  async function setup() {
    const store = new MemoryEventStore();
    const clock = new FakeClock('2026-03-02T10:00:00.000Z');
    const stepBacks: ClockStepBack[] = [];
    const options = {
      store,
      clock,
      cardFingerprintSecret: 'x'.repeat(32),
      keyProvider: testKeyProvider(),
      onClockStepBack: (s: ClockStepBack) => stepBacks.push(s),
    };
    const ops = createAccountOps(options);
    await ops.execute(fx.open());
    await ops.execute(fx.command('StartMaintenance', {}, fx.ADMIN));
    const stamps = async () =>
      (await store.readStream(accountStreamId(fx.ACCOUNT_ID))).map((e) => e.metadata.occurredAt);
    return { store, clock, stepBacks, ops, options, stamps };
  }

  it('a clock stepped back an hour stamps version 3 with version 2’s time, and says so', async () => {
    const { clock, stepBacks, ops, stamps } = await setup();
    clock.advanceHours(-1);
    await ops.execute(fx.command('EndMaintenance', {}, fx.ADMIN));
    const [v1, v2, v3] = await stamps();
    expect(v3).toBe(v2);
    expect(v2! >= v1!).toBe(true);
    expect(stepBacks).toEqual([
      { accountId: fx.ACCOUNT_ID, clock: '2026-03-02T09:00:00.000Z', stampedAt: v2 },
    ]);
  });

  it('holds for a process that never saw the account (reads the last event)', async () => {
    const { clock, stepBacks, options, stamps } = await setup();
    clock.advanceHours(-2);
    const fresh = createAccountOps(options);
    await fresh.execute(fx.command('EndMaintenance', {}, fx.ADMIN));
    const [, v2, v3] = await stamps();
    expect(v3).toBe(v2);
    expect(stepBacks).toHaveLength(1);
  });

  it('a clock moving forward is used as it is', async () => {
    const { clock, stepBacks, ops, stamps } = await setup();
    clock.advanceMinutes(5);
    await ops.execute(fx.command('EndMaintenance', {}, fx.ADMIN));
    expect((await stamps())[2]).toBe('2026-03-02T10:05:00.000Z');
    expect(stepBacks).toEqual([]);
  });
});
