import { createDecipheriv } from 'node:crypto';

/**
 * What someone holding a copy of the database (and perhaps a key-encryption key) can
 * read: every AES-GCM ciphertext in the copy (personal fields, sealed snapshots) decrypted
 * with every 32-byte key they can find or unwrap in it. Decryption is plain CTR, skipping
 * the tag and the additional data, as an attacker would: no guessing of contexts needed.
 */
export interface Recovery {
  /** The personal values found in clear, or decrypted by some key found in the copy. */
  readonly recovered: string[];
  /** How many candidate data keys and ciphertexts were tried (for the test to check it looked). */
  readonly tried: { readonly keys: number; readonly ciphertexts: number };
}

const CIPHERTEXT = /enc:v1:([A-Za-z0-9_-]{16})\.([A-Za-z0-9_-]*)\.[A-Za-z0-9_-]{22}/g;
// A data key in clear as the engine stored it before wrapping: base64 of 32 bytes.
const CLEAR_KEY = /[A-Za-z0-9+/]{43}=/g;
// A wrapped key of the local provider: base64url(12-byte IV ‖ 32 bytes ‖ 16-byte tag).
const WRAPPED = /(?<![A-Za-z0-9_-])[A-Za-z0-9_-]{80}(?![A-Za-z0-9_-])/g;

/** AES-256-GCM's keystream from `iv` (12 bytes): counter block 2 onwards. */
function ctr(key: Buffer, iv: Buffer, body: Buffer): Buffer {
  const counter = Buffer.concat([iv, Buffer.from([0, 0, 0, 2])]);
  return createDecipheriv('aes-256-ctr', key, counter).update(body);
}

/**
 * @param copy every byte or row of the database, as text
 * @param personal the values that must not be recoverable
 * @param keyEncryptionKeys KEKs the holder of the copy also has (none: a stolen copy alone)
 */
export function recover(
  copy: string,
  personal: readonly string[],
  keyEncryptionKeys: readonly Buffer[] = [],
): Recovery {
  const keys = new Map<string, Buffer>();
  for (const [text] of copy.matchAll(CLEAR_KEY)) {
    const key = Buffer.from(text, 'base64');
    if (key.length === 32) keys.set(key.toString('hex'), key);
  }
  for (const [text] of copy.matchAll(WRAPPED)) {
    const bytes = Buffer.from(text, 'base64url');
    for (const kek of keyEncryptionKeys) {
      const key = ctr(kek, bytes.subarray(0, 12), bytes.subarray(12, 44));
      keys.set(key.toString('hex'), key);
    }
  }
  const ciphertexts = [...copy.matchAll(CIPHERTEXT)].map(([, iv, body]) => ({
    iv: Buffer.from(iv!, 'base64url'),
    body: Buffer.from(body!, 'base64url'),
  }));
  const plaintexts = [copy];
  for (const key of keys.values()) {
    for (const { iv, body } of ciphertexts) plaintexts.push(ctr(key, iv, body).toString('utf8'));
  }
  return {
    recovered: personal.filter((value) => plaintexts.some((text) => text.includes(value))),
    tried: { keys: keys.size, ciphertexts: ciphertexts.length },
  };
}
