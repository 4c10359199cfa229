import { verify } from 'otplib';
import type { StepUpVerifier } from './step-up-verifier';

export interface TotpStepUpVerifierOptions {
  /** actorId → base32 secret (RFC 6238, SHA-1, 6 digits, 30 s). Never logged. */
  readonly secrets: ReadonlyMap<string, string>;
  /** Accepted clock drift in seconds either way; one 30 s step by default. */
  readonly toleranceSeconds?: number;
}

const CODE_PATTERN = /^\d{6}$/;

/**
 * TOTP second factor. A code is accepted once: the last accepted time step per actor is
 * remembered and codes from that step or earlier are refused, so an intercepted or
 * replayed code cannot authorise a second command. The memory is per process; a restart
 * forgets it, which re-opens at most the tolerance window (≤ 60 s).
 */
export class TotpStepUpVerifier implements StepUpVerifier {
  private readonly lastAcceptedStep = new Map<string, number>();

  constructor(private readonly options: TotpStepUpVerifierOptions) {}

  async verify(actorId: string, code: string, now: Date): Promise<boolean> {
    const secret = this.options.secrets.get(actorId);
    if (!secret || typeof code !== 'string' || !CODE_PATTERN.test(code)) return false;
    const afterTimeStep = this.lastAcceptedStep.get(actorId);
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
        return false;
      this.lastAcceptedStep.set(actorId, result.timeStep);
      return true;
    } catch {
      // otplib throws on malformed secrets or replayed steps; both mean "not verified".
      return false;
    }
  }
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
