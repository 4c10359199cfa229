import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import {
  KeyUnavailable,
  MasterKeyConfigError,
  type KeyProvider,
  type WrappedKey,
} from './key-provider';

/** One key-encryption key: an id (stored with every key it wraps) and 32 bytes. */
export interface KeyEncryptionKey {
  readonly id: string;
  readonly key: Buffer;
}

const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_ID = /^[A-Za-z0-9._-]{1,64}$/;

/**
 * Key-encryption keys held in this process (from `ACCOUNT_OPS_MASTER_KEY`, a file, or a
 * generated development key): the first wraps, every one unwraps, so older keys can be
 * kept for reading during a rotation. Wrapping is AES-256-GCM with a random 96-bit IV and
 * the context as additional data: `base64url(iv ‖ ciphertext ‖ tag)`.
 */
export class LocalKeyProvider implements KeyProvider {
  // Private fields: never enumerated, so logging or serialising the provider shows no key.
  readonly #keys: ReadonlyMap<string, Buffer>;
  readonly #current: string;

  /**
   * @param keys the current key first, then older ones still needed for unwrapping
   * @param source where the keys came from, for error messages (`ACCOUNT_OPS_MASTER_KEY`)
   */
  constructor(
    keys: readonly KeyEncryptionKey[],
    private readonly source = 'the key ring',
  ) {
    if (keys.length === 0) throw new MasterKeyConfigError(`${source} holds no key`);
    const map = new Map<string, Buffer>();
    for (const { id, key } of keys) {
      if (!KEY_ID.test(id)) {
        throw new MasterKeyConfigError(
          `${source}: key id "${id.slice(0, 64)}" must be 1–64 letters, digits, "." "_" or "-"`,
        );
      }
      if (key.length !== 32) {
        throw new MasterKeyConfigError(`${source}: key "${id}" must be 32 bytes (AES-256)`);
      }
      if (map.has(id)) throw new MasterKeyConfigError(`${source}: key id "${id}" appears twice`);
      map.set(id, Buffer.from(key));
    }
    this.#keys = map;
    this.#current = keys[0]!.id;
  }

  /** The configured ids, current first (ids are not secret). */
  get keyIds(): string[] {
    return [...this.#keys.keys()];
  }

  async currentKeyId(): Promise<string> {
    return this.#current;
  }

  async wrap(plainKey: Buffer, context: string): Promise<WrappedKey> {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.#keys.get(this.#current)!, iv);
    cipher.setAAD(Buffer.from(context, 'utf8'));
    const body = Buffer.concat([cipher.update(plainKey), cipher.final()]);
    const wrapped = Buffer.concat([iv, body, cipher.getAuthTag()]).toString('base64url');
    return { keyId: this.#current, wrapped };
  }

  async unwrap({ keyId, wrapped }: WrappedKey, context: string): Promise<Buffer> {
    const kek = this.#keys.get(keyId);
    if (!kek) {
      throw new KeyUnavailable(
        keyId,
        `key-encryption key "${keyId}" is not in ${this.source} (it holds ${this.keyIds.map((id) => `"${id}"`).join(', ')}): ` +
          'add it back as an older entry to read the data keys it wrapped',
      );
    }
    const bytes = Buffer.from(wrapped, 'base64url');
    try {
      if (bytes.length <= IV_BYTES + TAG_BYTES) throw new Error('too short');
      const decipher = createDecipheriv('aes-256-gcm', kek, bytes.subarray(0, IV_BYTES));
      decipher.setAAD(Buffer.from(context, 'utf8'));
      decipher.setAuthTag(bytes.subarray(bytes.length - TAG_BYTES));
      return Buffer.concat([
        decipher.update(bytes.subarray(IV_BYTES, bytes.length - TAG_BYTES)),
        decipher.final(),
      ]);
    } catch {
      throw new KeyUnavailable(
        keyId,
        `key-encryption key "${keyId}" in ${this.source} does not unwrap this data key: ` +
          `it is not the key "${keyId}" that wrapped it (wrong key material), or the stored key was altered`,
      );
    }
  }
}
