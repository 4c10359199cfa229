import { readFileSync } from 'node:fs';
import {
  MASTER_KEY_FILE_VARIABLE,
  MASTER_KEY_VARIABLE,
  parseMasterKeys,
  SEARCH_KEY_VARIABLE,
  type KeyEncryptionKey,
} from '@account-ops/engine';
import type { ApiKeyEntry } from '../auth/api-keys';
import { ApiConfigError } from './api-config-error';
import { weakKeyReason, weakTextSecretReason } from './secret-strength';

function refuse(where: string, reason: string | undefined): void {
  if (reason !== undefined) throw new ApiConfigError(`${where} ${reason}; production refuses it`);
}

function keyEncryptionKeys(env: NodeJS.ProcessEnv): { source: string; keys: KeyEncryptionKey[] } {
  const inline = env[MASTER_KEY_VARIABLE]?.trim();
  if (inline)
    return { source: MASTER_KEY_VARIABLE, keys: parseMasterKeys(inline, MASTER_KEY_VARIABLE) };
  const file = env[MASTER_KEY_FILE_VARIABLE]?.trim();
  if (!file) return { source: MASTER_KEY_VARIABLE, keys: [] };
  // Already read once by the key provider (which reports an unreadable file).
  return {
    source: MASTER_KEY_FILE_VARIABLE,
    keys: parseMasterKeys(readFileSync(file, 'utf8'), MASTER_KEY_FILE_VARIABLE),
  };
}

/**
 * Production start refuses secrets anyone could guess: a single repeated character or
 * byte, a published sample or placeholder (`change-me…`, the README's keys, the compose
 * file's key-encryption key), or too little entropy. Errors name the variable and the
 * entry (actor id, key id), never the value.
 */
export function refuseWeakSecrets(
  env: NodeJS.ProcessEnv,
  apiKeys: readonly ApiKeyEntry[],
  totpSecrets: ReadonlyMap<string, string>,
): void {
  // Hashed entries (sha256:<hex>) cannot be judged, and are the only kind production takes.
  apiKeys.forEach(({ key, actor }, i) =>
    key === undefined
      ? undefined
      : refuse(
          `ACCOUNT_OPS_API_KEYS entry ${i + 1} (actor "${actor.id}")`,
          weakTextSecretReason(key),
        ),
  );
  const cardSecret = env.ACCOUNT_OPS_CARD_SECRET;
  if (cardSecret) refuse('ACCOUNT_OPS_CARD_SECRET', weakTextSecretReason(cardSecret));
  const searchKey = env[SEARCH_KEY_VARIABLE];
  if (searchKey) refuse(SEARCH_KEY_VARIABLE, weakTextSecretReason(searchKey.trim()));
  for (const [actorId, secret] of totpSecrets)
    refuse(`ACCOUNT_OPS_TOTP_SECRETS (actor "${actorId}")`, weakTextSecretReason(secret));
  const { source, keys } = keyEncryptionKeys(env);
  for (const { id, key } of keys) refuse(`${source} key "${id}"`, weakKeyReason(key));
}
