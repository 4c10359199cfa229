import { createHash, randomBytes } from 'node:crypto';
import { isId, isRole } from '@account-ops/accounts';
import { usageError } from '../support/exit-codes';

/** A freshly generated integration or service key and the line that configures it. */
export interface NewApiKey {
  /** The key itself: shown once, never stored. */
  readonly key: string;
  /** `sha256:<hex>=actorId:role1|role2[@expiry]`, one entry of ACCOUNT_OPS_API_KEYS. */
  readonly configLine: string;
}

/**
 * 32 random bytes (base64url) behind a recognisable prefix, so a secret scanner can spot a
 * leaked one; the configuration carries only its SHA-256, which is useless as a key.
 */
export function newApiKey(
  actorId: string,
  roles: readonly string[],
  expiresAt?: Date,
  random: (size: number) => Buffer = randomBytes,
): NewApiKey {
  if (!isId(actorId)) throw usageError(`--actor: "${actorId}" is not a valid id`);
  if (roles.length === 0) throw usageError('--role: at least one role is needed');
  const unknown = roles.find((role) => !isRole(role));
  if (unknown !== undefined) throw usageError(`--role: unknown role "${unknown}"`);
  const key = `aos_${random(32).toString('base64url')}`;
  const hex = createHash('sha256').update(key, 'utf8').digest('hex');
  const expiry = expiresAt ? `@${expiresAt.toISOString()}` : '';
  return { key, configLine: `sha256:${hex}=${actorId}:${[...new Set(roles)].join('|')}${expiry}` };
}
