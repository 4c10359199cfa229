import { MemoryEventStore } from '@account-ops/event-store';
import { RFC_6238_SHA1_SECRET } from '@account-ops/testing';
import { generate } from 'otplib';
import { LockingStepUpVerifier } from './locking-step-up-verifier';
import { StepUpLockout } from './step-up-lockout';
import { StepUpLocked } from './step-up-locked';
import { TotpStepUpVerifier } from './totp-step-up-verifier';

const START = new Date('2026-03-02T09:00:00Z');
const at = (minutes: number) => new Date(START.getTime() + minutes * 60_000);
const codeAt = (when: Date) =>
  generate({ secret: RFC_6238_SHA1_SECRET, epoch: Math.floor(when.getTime() / 1000) });

function setup(policy = { maxFailures: 10, windowMinutes: 15 }) {
  const store = new MemoryEventStore();
  const lockout = new StepUpLockout(store, policy);
  const events: string[] = [];
  const verifier = new LockingStepUpVerifier(
    new TotpStepUpVerifier({
      secrets: new Map([['op-1', RFC_6238_SHA1_SECRET]]),
      usedSteps: store,
    }),
    lockout,
    {
      onFailure: (actor, n) => events.push(`failure ${actor} ${n}`),
      onLocked: (actor, until) => events.push(`locked ${actor} ${until}`),
    },
  );
  return { store, lockout, verifier, events };
}

/** A code that is certainly wrong now (the right one plus one, wrapped to six digits). */
async function wrongCode(when: Date): Promise<string> {
  const right = Number(await codeAt(when));
  return String((right + 1) % 1_000_000).padStart(6, '0');
}

describe('step-up lockout (PCI DSS 8.3.4)', () => {
  it('locks after 10 wrong codes within 15 minutes: even the right code is then refused', async () => {
    const { verifier, events } = setup();
    for (let i = 0; i < 9; i++) {
      await expect(verifier.verify('op-1', await wrongCode(at(i)), at(i))).resolves.toBe(false);
    }
    // The 10th wrong code locks, for the rest of the window from the first failure.
    await expect(verifier.verify('op-1', await wrongCode(at(9)), at(9))).rejects.toMatchObject({
      code: 'STEP_UP_LOCKED',
      until: at(15).toISOString(),
      retryAfterSeconds: 6 * 60,
    });
    const right = await codeAt(at(10));
    await expect(verifier.verify('op-1', right, at(10))).rejects.toBeInstanceOf(StepUpLocked);
    expect(events.at(-1)).toBe(`locked op-1 ${at(15).toISOString()}`);
    expect(events.filter((e) => e.startsWith('failure'))).toHaveLength(10);
    await expect(verifier.verify('op-1', await codeAt(at(14.5)), at(14.5))).rejects.toBeInstanceOf(
      StepUpLocked,
    );
    // When the first failure leaves the window the lock ends by itself.
    await expect(verifier.verify('op-1', await codeAt(at(15)), at(15))).resolves.toBe(true);
  });

  it('does not lock when the failures are spread beyond the window', async () => {
    const { verifier } = setup();
    for (let i = 0; i < 12; i++) {
      const when = at(i * 2); // ten failures span 18 minutes
      await expect(verifier.verify('op-1', await wrongCode(when), when)).resolves.toBe(false);
    }
  });

  it('counts per actor', async () => {
    const { verifier, lockout } = setup({ maxFailures: 2, windowMinutes: 15 });
    await verifier.verify('op-1', await wrongCode(at(0)), at(0));
    await expect(verifier.verify('op-1', await wrongCode(at(1)), at(1))).rejects.toBeInstanceOf(
      StepUpLocked,
    );
    expect((await lockout.status('op-1', at(2))).lockedUntil).not.toBeNull();
    expect(await lockout.status('op-2', at(2))).toEqual({ failures: 0, lockedUntil: null });
  });

  it('an admin lifts the lock; the actor can step up at once', async () => {
    const { verifier, lockout } = setup({ maxFailures: 3, windowMinutes: 15 });
    for (let i = 0; i < 2; i++) await verifier.verify('op-1', await wrongCode(at(i)), at(i));
    await expect(verifier.verify('op-1', await wrongCode(at(2)), at(2))).rejects.toBeInstanceOf(
      StepUpLocked,
    );
    expect(await lockout.lift('op-1')).toBe(3);
    await expect(verifier.verify('op-1', await codeAt(at(3)), at(3))).resolves.toBe(true);
    expect(await lockout.lift('op-1')).toBe(0);
  });

  it('does not count malformed codes (400) as guesses', async () => {
    const { verifier, lockout } = setup();
    await expect(verifier.verify('op-1', '12ab', at(0))).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
    });
    expect((await lockout.status('op-1', at(0))).failures).toBe(0);
  });

  it('stores neither codes nor secrets, only the actor and the time', async () => {
    const { verifier, store } = setup();
    const wrong = await wrongCode(at(0));
    await verifier.verify('op-1', wrong, at(0));
    const rows = await store.listRecords('step-up-failures');
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows)).not.toContain(wrong);
    expect(JSON.stringify(rows)).not.toContain(RFC_6238_SHA1_SECRET);
  });

  it.each([
    { maxFailures: 0, windowMinutes: 15 },
    { maxFailures: 10, windowMinutes: 0.5 },
  ])('refuses a policy that would switch the lockout off: %p', (policy) => {
    expect(() => new StepUpLockout(new MemoryEventStore(), policy)).toThrow(RangeError);
  });
});
