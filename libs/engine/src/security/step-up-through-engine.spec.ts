import { MemoryEventStore } from '@account-ops/event-store';
import { accountFixtures as fx, FakeClock } from '@account-ops/testing';
import { generate } from 'otplib';
import { createAccountOps } from '../create-account-ops';
import { StepUpUnavailable } from './step-up-unavailable';
import { TotpStepUpVerifier } from './totp-step-up-verifier';

const SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';

describe('second factor through the engine', () => {
  it('lets an operator change the card only with a fresh TOTP code, once per code', async () => {
    const clock = new FakeClock(fx.NOW);
    const ops = createAccountOps({
      store: new MemoryEventStore(),
      clock,
      cardFingerprintSecret: 'test-card-fingerprint-secret',
      stepUpVerifier: new TotpStepUpVerifier({ secrets: new Map([[fx.OPERATOR.id, SECRET]]) }),
    });
    await ops.execute(fx.open());
    const change = fx.card(fx.VISA, fx.OPERATOR);
    await expect(ops.execute(change)).rejects.toMatchObject({ code: 'STEP_UP_REQUIRED' });
    await expect(ops.execute(change, { stepUpCode: '000000' })).rejects.toMatchObject({
      code: 'STEP_UP_REQUIRED',
    });
    const code = await generate({
      secret: SECRET,
      epoch: Math.floor(clock.now().getTime() / 1000),
    });
    const changed = await ops.execute(change, { stepUpCode: code });
    expect(changed.state.bankCard).toMatchObject({ last4: '1111' });
    await expect(
      ops.execute(fx.card(fx.MASTERCARD, fx.OPERATOR), { stepUpCode: code }),
    ).rejects.toMatchObject({
      code: 'STEP_UP_REQUIRED',
    });
  });

  it('passes a verifier failure on as StepUpUnavailable, not a refusal, and writes nothing', async () => {
    const store = new MemoryEventStore();
    const ops = createAccountOps({
      store,
      clock: new FakeClock(fx.NOW),
      cardFingerprintSecret: 'test-card-fingerprint-secret',
      stepUpVerifier: {
        verify: async (actorId) => {
          throw new StepUpUnavailable(actorId, 'HMACError');
        },
      },
    });
    await ops.execute(fx.open());
    await expect(
      ops.execute(fx.card(fx.VISA, fx.OPERATOR), { stepUpCode: '123456' }),
    ).rejects.toBeInstanceOf(StepUpUnavailable);
    expect((await store.readAll()).map((e) => e.type)).toEqual(['AccountOpened']);
  });

  it('without a configured verifier: no code is STEP_UP_REQUIRED, a presented code is StepUpUnavailable', async () => {
    const ops = createAccountOps({
      store: new MemoryEventStore(),
      clock: new FakeClock(fx.NOW),
      cardFingerprintSecret: 'test-card-fingerprint-secret',
    });
    await ops.execute(fx.open());
    const change = fx.card(fx.VISA, fx.OPERATOR);
    await expect(ops.execute(change)).rejects.toMatchObject({ code: 'STEP_UP_REQUIRED' });
    await expect(ops.execute(change, { stepUpCode: '123456' })).rejects.toMatchObject({
      code: 'STEP_UP_UNAVAILABLE',
      message: expect.stringContaining('no StepUpVerifier is configured'),
    });
  });
});
