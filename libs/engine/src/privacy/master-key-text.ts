import { randomBytes } from 'node:crypto';
import { MasterKeyConfigError } from './key-provider';
import type { KeyEncryptionKey } from './local-key-provider';

/** The environment variable holding the key-encryption keys. */
export const MASTER_KEY_VARIABLE = 'ACCOUNT_OPS_MASTER_KEY';
/** The environment variable naming a file that holds them instead. */
export const MASTER_KEY_FILE_VARIABLE = 'ACCOUNT_OPS_MASTER_KEY_FILE';

const ENTRY = /^([^:\s]+):(\S+)$/;
const BASE64 = /^[A-Za-z0-9+/_-]+={0,2}$/;

/**
 * Parses key-encryption keys written as `id:base64` entries (32 bytes each, e.g. from
 * `openssl rand -base64 32`), separated by commas or newlines; the first is current, the
 * others are older keys kept for unwrapping. Blank lines and `#` comments are ignored
 * (files). Errors name the entry by position and id, never its key material.
 */
export function parseMasterKeys(text: string, source: string): KeyEncryptionKey[] {
  const entries = text
    .split('\n')
    .filter((line) => !line.trim().startsWith('#'))
    .flatMap((line) => line.split(','))
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  if (entries.length === 0) {
    throw new MasterKeyConfigError(`${source} holds no key (expected id:base64-of-32-bytes)`);
  }
  return entries.map((entry, i) => {
    const match = ENTRY.exec(entry);
    if (!match) {
      throw new MasterKeyConfigError(
        `${source}: entry ${i + 1} is not id:base64-of-32-bytes (ids before a colon, entries separated by commas)`,
      );
    }
    const [, id, material] = match as unknown as [string, string, string];
    const key = BASE64.test(material) ? Buffer.from(material, 'base64') : Buffer.alloc(0);
    if (key.length !== 32) {
      throw new MasterKeyConfigError(
        `${source}: key "${id}" (entry ${i + 1}) must be 32 bytes in base64 (openssl rand -base64 32)`,
      );
    }
    return { id, key };
  });
}

/** One entry as {@link parseMasterKeys} reads it. */
export function formatMasterKey({ id, key }: KeyEncryptionKey): string {
  return `${id}:${key.toString('base64')}`;
}

/** A fresh key-encryption key with a random id under `prefix` (`dev-3f9a1c2b`). */
export function generateKeyEncryptionKey(prefix: string): KeyEncryptionKey {
  return { id: `${prefix}-${randomBytes(4).toString('hex')}`, key: randomBytes(32) };
}
