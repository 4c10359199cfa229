import { ERASED_TEXT } from '@account-ops/accounts';
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const PREFIX = 'enc:v1:';
/** What a sealed field reads as once its data key was shredded (the domain's marker). */
export const ERASED = ERASED_TEXT;

/**
 * AES-256-GCM for one personal-data field. The additional data binds a ciphertext to its
 * place (account, event type, field), so it cannot be copied into another field or account.
 */
export function encryptField(key: Buffer, plaintext: string, place: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv).setAAD(Buffer.from(place));
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return `${PREFIX}${iv.toString('base64url')}.${body.toString('base64url')}.${cipher.getAuthTag().toString('base64url')}`;
}

export function isEncrypted(value: unknown): value is string {
  return typeof value === 'string' && value.startsWith(PREFIX);
}

/** The plaintext, or {@link ERASED} when the key is gone. Throws if the ciphertext was altered. */
export function decryptField(key: Buffer | undefined, value: string, place: string): string {
  if (!key) return ERASED;
  const [iv, body, tag] = value.slice(PREFIX.length).split('.');
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv ?? '', 'base64url'))
    .setAAD(Buffer.from(place))
    .setAuthTag(Buffer.from(tag ?? '', 'base64url'));
  return Buffer.concat([
    decipher.update(Buffer.from(body ?? '', 'base64url')),
    decipher.final(),
  ]).toString('utf8');
}
