import type { StepUpLockout } from './step-up-lockout';
import { StepUpLocked } from './step-up-locked';
import type { StepUpVerifier } from './step-up-verifier';

/** What the lockout reports, for metrics and the log (never the code). */
export interface StepUpLockoutEvents {
  onFailure?(actorId: string, failures: number): void;
  onLocked?(actorId: string, until: string): void;
  onRefusedWhileLocked?(actorId: string, until: string): void;
}

/**
 * Wraps a verifier with the lockout: a locked actor gets {@link StepUpLocked} before any
 * code is checked; a wrong code (`false` from the inner verifier) is counted in the store;
 * the failure that reaches the limit locks. Malformed codes (a ValidationFailed, 400) and
 * a verifier that cannot check (StepUpUnavailable) are not guesses and are not counted.
 */
export class LockingStepUpVerifier implements StepUpVerifier {
  constructor(
    private readonly inner: StepUpVerifier,
    private readonly lockout: StepUpLockout,
    private readonly events: StepUpLockoutEvents = {},
  ) {}

  async verify(actorId: string, code: string, now: Date): Promise<boolean> {
    const before = await this.lockout.status(actorId, now);
    if (before.lockedUntil !== null) {
      this.events.onRefusedWhileLocked?.(actorId, before.lockedUntil);
      throw new StepUpLocked(actorId, before.lockedUntil, now);
    }
    if (await this.inner.verify(actorId, code, now)) return true;
    const after = await this.lockout.recordFailure(actorId, now);
    this.events.onFailure?.(actorId, after.failures);
    if (after.lockedUntil !== null) {
      this.events.onLocked?.(actorId, after.lockedUntil);
      throw new StepUpLocked(actorId, after.lockedUntil, now);
    }
    return false;
  }
}
