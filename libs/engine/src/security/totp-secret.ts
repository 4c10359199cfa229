import { generateSync } from 'otplib';

/** RFC 4226 R6: the shared secret is at least 128 bits; 160 bits is recommended. */
export const TOTP_SECRET_MIN_BYTES = 16;
/** otplib's upper guardrail; a longer secret would be refused by the verifier at run time. */
export const TOTP_SECRET_MAX_BYTES = 64;

/** The rule, in the words the README and docs/operations.md use. */
export const TOTP_SECRET_RULE =
  `base32 (RFC 4648: A–Z, 2–7, optional = padding) decoding to ` +
  `${TOTP_SECRET_MIN_BYTES}–${TOTP_SECRET_MAX_BYTES} bytes ` +
  `(at least 128 bits, RFC 4226 R6; 32 base32 characters = 160 bits is recommended)`;

const BASE32_CHARS = /^[A-Z2-7]+=*$/;
// Base32 groups 5 bytes into 8 characters; a final group can only hold 2, 4, 5 or 7 of them.
const VALID_TAIL_LENGTHS = new Set([0, 2, 4, 5, 7]);

/**
 * A configured TOTP secret the verifier could not use. The message names the actor and
 * the rule, never the secret: it is printed when the service refuses to start.
 */
export class TotpSecretRejected extends Error {
  constructor(
    readonly actorId: string,
    readonly problem: string,
  ) {
    super(`the TOTP secret of actor "${actorId}" ${problem}; a secret must be ${TOTP_SECRET_RULE}`);
    this.name = 'TotpSecretRejected';
  }
}

/** Upper case, no white space: what authenticator apps show is accepted as typed. */
export function normalizeTotpSecret(secret: string): string {
  return secret.replace(/\s+/g, '').toUpperCase();
}

/**
 * Checks a secret for `actorId` and returns it normalised, or throws TotpSecretRejected.
 * After the format and length rules, one code is generated with the same library the
 * verifier uses, so a secret accepted here cannot fail later as "wrong code".
 */
export function checkTotpSecret(actorId: string, secret: string): string {
  const normalized = normalizeTotpSecret(secret);
  const characters = normalized.replace(/=+$/, '').length;
  if (!BASE32_CHARS.test(normalized) || !VALID_TAIL_LENGTHS.has(characters % 8)) {
    throw new TotpSecretRejected(actorId, 'is not base32');
  }
  const bytes = Math.floor((characters * 5) / 8);
  if (bytes < TOTP_SECRET_MIN_BYTES) {
    throw new TotpSecretRejected(actorId, `is ${bytes * 8} bits long, below 128 bits`);
  }
  if (bytes > TOTP_SECRET_MAX_BYTES) {
    throw new TotpSecretRejected(actorId, `is ${bytes} bytes long, above ${TOTP_SECRET_MAX_BYTES}`);
  }
  try {
    generateSync({ secret: normalized, epoch: 0 });
  } catch (error) {
    // The library's message could quote the secret: only the error's class is kept.
    const kind = error instanceof Error ? error.name : 'error';
    throw new TotpSecretRejected(actorId, `is refused by the TOTP library (${kind})`);
  }
  return normalized;
}

/** Checks every secret of a map; the result holds the normalised secrets. */
export function checkTotpSecrets(secrets: ReadonlyMap<string, string>): Map<string, string> {
  const checked = new Map<string, string>();
  for (const [actorId, secret] of secrets) checked.set(actorId, checkTotpSecret(actorId, secret));
  return checked;
}

/**
 * Parses `ACCOUNT_OPS_TOTP_SECRETS` (`actorId=BASE32;...`) and checks every secret, so a
 * secret the verifier cannot use stops the start instead of refusing every code.
 */
export function parseTotpSecrets(text: string | undefined): Map<string, string> {
  const secrets = new Map<string, string>();
  const entries = (text ?? '')
    .split(';')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  entries.forEach((entry, index) => {
    const eq = entry.indexOf('=');
    const actorId = eq > 0 ? entry.slice(0, eq).trim() : '';
    if (actorId === '') {
      throw new Error(`ACCOUNT_OPS_TOTP_SECRETS: entry ${index + 1} is not actorId=BASE32`);
    }
    if (secrets.has(actorId)) {
      throw new Error(`ACCOUNT_OPS_TOTP_SECRETS: actor "${actorId}" is listed twice`);
    }
    try {
      secrets.set(actorId, checkTotpSecret(actorId, entry.slice(eq + 1)));
    } catch (error) {
      if (error instanceof TotpSecretRejected)
        error.message = `ACCOUNT_OPS_TOTP_SECRETS: ${error.message}`;
      throw error;
    }
  });
  return secrets;
}
