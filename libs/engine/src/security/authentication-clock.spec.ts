import { MemoryEventStore } from '@account-ops/event-store';
import { accountFixtures as fx, FakeClock, RFC_6238_SHA1_SECRET } from '@account-ops/testing';
import { generate } from 'otplib';
import { createAccountOps } from '../create-account-ops';
import { TotpStepUpVerifier } from './totp-step-up-verifier';

const codeAt = (at: Date) =>
  generate({ secret: RFC_6238_SHA1_SECRET, epoch: Math.floor(at.getTime() / 1000) });

/**
 * A second factor is judged by the authentication clock (wall time, as the person's
 * authenticator keeps it), not by the domain clock, which a host may run simulated or
 * accelerated; without one, by the domain clock.
 */
describe('the authentication clock', () => {
  const engine = (domain: FakeClock, authentication?: FakeClock) =>
    createAccountOps({
      store: new MemoryEventStore(),
      clock: domain,
      ...(authentication ? { authenticationClock: authentication } : {}),
      cardFingerprintSecret: 'test-card-fingerprint-secret',
      stepUpVerifier: new TotpStepUpVerifier({
        secrets: new Map([[fx.ADMIN.id, RFC_6238_SHA1_SECRET]]),
      }),
    });

  it('accepts the code of the authentication time and refuses the code of the domain time', async () => {
    const domain = new FakeClock('2026-03-02T09:00:00.000Z'); // a drill's accelerated time
    const wall = new FakeClock('2026-12-06T23:00:00.000Z');
    const ops = engine(domain, wall);
    await ops.execute(fx.open());
    await expect(
      ops.execute(fx.card(), { stepUpCode: await codeAt(domain.now()) }),
    ).rejects.toMatchObject({ code: 'STEP_UP_REQUIRED' });
    const changed = await ops.execute(fx.card(), { stepUpCode: await codeAt(wall.now()) });
    expect(changed.events.map((e) => e.type)).toContain('BankCardChanged');
    // The event is stamped with domain time: only the credential check used wall time.
    expect(changed.events[0]!.metadata.occurredAt).toBe(domain.now().toISOString());
  });

  it('is the domain clock when none is given', async () => {
    const domain = new FakeClock(fx.NOW);
    const ops = engine(domain);
    await ops.execute(fx.open());
    const changed = await ops.execute(fx.card(), { stepUpCode: await codeAt(domain.now()) });
    expect(changed.events.map((e) => e.type)).toContain('BankCardChanged');
  });
});
