/**
 * A data key as stored: encrypted ("wrapped") by a key-encryption key (KEK) that never
 * enters the database, and the id of that KEK so that it can be unwrapped after the KEK
 * was rotated.
 */
export interface WrappedKey {
  /** The key-encryption key that wrapped it (a local key id, a KMS key ARN, …). */
  readonly keyId: string;
  /** The provider's ciphertext of the data key (text, so it can be stored as JSON). */
  readonly wrapped: string;
}

/**
 * Where key-encryption keys live: the environment or a file by default
 * ({@link LocalKeyProvider}), or a KMS/HSM a backend team plugs in. Async, so a provider
 * may call a remote service; the engine unwraps each account's data key once per process
 * and keeps it in memory, so a provider call is never on the path of an ordinary command.
 *
 * `context` names what the key protects (`account-ops:data-key:<accountId>`): a provider
 * must bind it to the ciphertext (additional authenticated data, a KMS encryption
 * context), so a wrapped key copied to another account does not unwrap.
 */
export interface KeyProvider {
  /** The KEK new data keys are wrapped with; a key wrapped with another is due for rewrap. */
  currentKeyId(): Promise<string>;
  /** Wraps a data key with the current KEK. */
  wrap(plainKey: Buffer, context: string): Promise<WrappedKey>;
  /**
   * The data key, or {@link KeyUnavailable} (never a wrong key) when the KEK named by
   * `keyId` is not available or does not open the ciphertext.
   */
  unwrap(wrapped: WrappedKey, context: string): Promise<Buffer>;
}

/**
 * A data key cannot be unwrapped: its key-encryption key is not configured, or the one
 * configured under its id is not the key that wrapped it (or the stored key was altered).
 * The message names the key id, never key material.
 */
export class KeyUnavailable extends Error {
  readonly code = 'KEY_UNAVAILABLE';
  constructor(
    /** The key-encryption key id the data key was wrapped with, when known. */
    readonly keyId: string | undefined,
    message: string,
  ) {
    super(message);
    this.name = 'KeyUnavailable';
  }
}

/** The key-encryption key configuration is missing or malformed (names the variable, never a key). */
export class MasterKeyConfigError extends Error {
  readonly code = 'MASTER_KEY_CONFIG';
  constructor(message: string) {
    super(message);
    this.name = 'MasterKeyConfigError';
  }
}

/** The context a data key is wrapped under: its account. */
export function dataKeyContext(accountId: string): string {
  return `account-ops:data-key:${accountId}`;
}
