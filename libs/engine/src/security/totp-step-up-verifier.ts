import type { RecordStore } from '@account-ops/event-store';
import { verify } from 'otplib';
import type { StepUpVerifier } from './step-up-verifier';
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

/**
 * TOTP second factor. A code is accepted once: the last accepted time step per actor is
 * remembered and codes from that step or earlier are refused, so an intercepted or
 * replayed code cannot authorise a second command. The memory is per process, plus the
 * store's `step-up-used` records when `usedSteps` is given (the API always gives it).
 */
export class TotpStepUpVerifier implements StepUpVerifier {
  private readonly lastAcceptedStep = new Map<string, number>();
  private readonly stored: UsedTotpSteps | undefined;

  constructor(private readonly options: TotpStepUpVerifierOptions) {
    const windowSteps = Math.ceil((options.toleranceSeconds ?? 30) / 30);
    this.stored = options.usedSteps && new UsedTotpSteps(options.usedSteps, windowSteps);
  }

  async verify(actorId: string, code: string, now: Date): Promise<boolean> {
    const secret = this.options.secrets.get(actorId);
    if (!secret || typeof code !== 'string' || !CODE_PATTERN.test(code)) return false;
    const used = await this.stored?.read(actorId, now);
    const afterTimeStep = newest(this.lastAcceptedStep.get(actorId), used?.latest);
    const step = await this.matchingStep(secret, code, now, afterTimeStep);
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
    secret: string,
    code: string,
    now: Date,
    afterTimeStep: number | undefined,
  ): Promise<number | undefined> {
    try {
      const result = await verify({
        secret,
        token: code,
        epoch: Math.floor(now.getTime() / 1000),
        epochTolerance: this.options.toleranceSeconds ?? 30,
        ...(afterTimeStep !== undefined ? { afterTimeStep } : {}),
      });
      // The TOTP strategy reports the matched time step; without it replay protection is impossible.
      if (!result.valid || !('timeStep' in result) || typeof result.timeStep !== 'number')
        return undefined;
      return result.timeStep;
    } catch {
      // otplib throws on malformed secrets or replayed steps; both mean "not verified".
      return undefined;
    }
  }
}

function newest(a: number | undefined, b: number | undefined): number | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return Math.max(a, b);
}

/** Parses `ACCOUNT_OPS_TOTP_SECRETS` (`actorId=BASE32;...`). */
export function parseTotpSecrets(text: string | undefined): Map<string, string> {
  const secrets = new Map<string, string>();
  for (const entry of (text ?? '').split(';')) {
    const trimmed = entry.trim();
    if (trimmed === '') continue;
    const eq = trimmed.indexOf('=');
    const actorId = trimmed.slice(0, eq).trim();
    const secret = trimmed
      .slice(eq + 1)
      .trim()
      .replace(/\s+/g, '')
      .toUpperCase();
    if (eq <= 0 || !/^[A-Z2-7]+=*$/.test(secret) || secret.length < 16) {
      throw new Error(
        `ACCOUNT_OPS_TOTP_SECRETS: entry ${secrets.size + 1} is not actorId=BASE32 (16+ chars)`,
      );
    }
    secrets.set(actorId, secret);
  }
  return secrets;
}
