import type { RecordStore } from '@account-ops/event-store';
import { ValidationFailed } from '@account-ops/accounts';
import { verify } from 'otplib';
import { StepUpUnavailable } from './step-up-unavailable';
import type { StepUpVerifier } from './step-up-verifier';
import { checkTotpSecrets } from './totp-secret';
import { UsedTotpSteps } from './used-totp-steps';

export interface TotpStepUpVerifierOptions {
  /** actorId → base32 secret (RFC 6238, SHA-1, 6 digits, 30 s). Never logged. */
  readonly secrets: ReadonlyMap<string, string>;
  /** Accepted clock drift in seconds either way; one 30 s step by default. */
  readonly toleranceSeconds?: number;
  /**
   * Where accepted time steps are remembered (the engine's store). With it a code is
   * accepted once across restarts and across processes sharing the store; without it,
   * once per process.
   */
  readonly usedSteps?: RecordStore;
}

const CODE_PATTERN = /^\d{6}$/;
const STEP_SECONDS = 30;
/** Ten minutes either way: wider weakens the factor (and nears otplib's own limit of ~24 min). */
const MAX_TOLERANCE_SECONDS = 600;

/**
 * TOTP second factor. A code is accepted once: the last accepted time step per actor is
 * remembered and codes from that step or earlier are refused, so an intercepted or
 * replayed code cannot authorise a second command. The memory is per process, plus the
 * store's `step-up-used` records when `usedSteps` is given (the API always gives it).
 *
 * Only a well-formed code that does not match (or was used) is a refusal (`false`). The
 * secrets and the tolerance are checked when the verifier is built, so a configuration
 * the library cannot use stops the start; a malformed code is a ValidationFailed (400);
 * anything the library throws while checking a code is a StepUpUnavailable, never "wrong
 * code".
 */
export class TotpStepUpVerifier implements StepUpVerifier {
  private readonly lastAcceptedStep = new Map<string, number>();
  private readonly stored: UsedTotpSteps | undefined;
  private readonly secrets: ReadonlyMap<string, string>;
  private readonly toleranceSeconds: number;

  constructor(options: TotpStepUpVerifierOptions) {
    this.toleranceSeconds = options.toleranceSeconds ?? STEP_SECONDS;
    if (
      !Number.isInteger(this.toleranceSeconds) ||
      this.toleranceSeconds < 0 ||
      this.toleranceSeconds > MAX_TOLERANCE_SECONDS
    ) {
      throw new RangeError(
        `TOTP toleranceSeconds must be an integer from 0 to ${MAX_TOLERANCE_SECONDS}`,
      );
    }
    // A copy: a caller changing its map later cannot slip an unchecked secret in.
    this.secrets = checkTotpSecrets(options.secrets);
    const windowSteps = Math.ceil(this.toleranceSeconds / STEP_SECONDS);
    this.stored = options.usedSteps && new UsedTotpSteps(options.usedSteps, windowSteps);
  }

  async verify(actorId: string, code: string, now: Date): Promise<boolean> {
    if (typeof code !== 'string' || !CODE_PATTERN.test(code)) {
      throw new ValidationFailed('stepUpCode', 'must be 6 digits');
    }
    const secret = this.secrets.get(actorId);
    // No second factor enrolled for this actor: no code can prove one.
    if (!secret) return false;
    const used = await this.stored?.read(actorId, now);
    const afterTimeStep = newest(this.lastAcceptedStep.get(actorId), used?.latest);
    const step = await this.matchingStep(actorId, secret, code, now, afterTimeStep);
    if (step === undefined) return false;
    // Check and set with no await in between: two concurrent requests with one code in
    // this process cannot both get past here.
    const remembered = this.lastAcceptedStep.get(actorId);
    if (remembered !== undefined && remembered >= step) return false;
    this.lastAcceptedStep.set(actorId, step);
    // Another process on the same store may have accepted this step meanwhile.
    return this.stored ? this.stored.claim(actorId, step, used?.stale ?? []) : true;
  }

  /** The time step `code` belongs to, if it is valid now and newer than `afterTimeStep`. */
  private async matchingStep(
    actorId: string,
    secret: string,
    code: string,
    now: Date,
    afterTimeStep: number | undefined,
  ): Promise<number | undefined> {
    const epoch = Math.floor(now.getTime() / 1000);
    const newestStep = Math.floor((epoch + this.toleranceSeconds) / STEP_SECONDS);
    // Every step in the window was used already (or the clock went back): a replay. The
    // library would throw for this; it is a refusal, so it is answered before asking it.
    if (afterTimeStep !== undefined && afterTimeStep >= newestStep) return undefined;
    let result: Awaited<ReturnType<typeof verify>>;
    try {
      result = await verify({
        secret,
        token: code,
        epoch,
        epochTolerance: this.toleranceSeconds,
        ...(afterTimeStep !== undefined ? { afterTimeStep } : {}),
      });
    } catch (error) {
      throw new StepUpUnavailable(actorId, error instanceof Error ? error.name : typeof error);
    }
    if (!result.valid) return undefined;
    // The TOTP strategy reports the matched time step; without it replay protection is impossible.
    if (!('timeStep' in result) || typeof result.timeStep !== 'number') {
      throw new StepUpUnavailable(actorId, 'no time step in the TOTP result');
    }
    return result.timeStep;
  }
}

function newest(a: number | undefined, b: number | undefined): number | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return Math.max(a, b);
}
