// #region kms
import { KeyUnavailable, type KeyProvider } from '@account-ops/engine';

/** The calls a KMS client offers (shaped like @aws-sdk/client-kms's EncryptCommand/DecryptCommand). */
export interface Kms {
  encrypt(input: {
    KeyId: string;
    Plaintext: Uint8Array;
    EncryptionContext: Record<string, string>;
  }): Promise<{ KeyId?: string; CiphertextBlob?: Uint8Array }>;
  decrypt(input: {
    KeyId: string;
    CiphertextBlob: Uint8Array;
    EncryptionContext: Record<string, string>;
  }): Promise<{ Plaintext?: Uint8Array }>;
}

/** Data keys wrapped by a key-encryption key that never leaves the KMS. */
export function kmsKeyProvider(kms: Kms, keyArn: string): KeyProvider {
  return {
    currentKeyId: async () => keyArn,
    wrap: async (plainKey, context) => {
      const out = await kms.encrypt({
        KeyId: keyArn,
        Plaintext: plainKey,
        EncryptionContext: { context },
      });
      return {
        keyId: out.KeyId ?? keyArn,
        wrapped: Buffer.from(out.CiphertextBlob!).toString('base64'),
      };
    },
    unwrap: async ({ keyId, wrapped }, context) => {
      try {
        const out = await kms.decrypt({
          KeyId: keyId,
          CiphertextBlob: Buffer.from(wrapped, 'base64'),
          EncryptionContext: { context },
        });
        return Buffer.from(out.Plaintext!);
      } catch (error) {
        // Never a wrong key: the engine treats KeyUnavailable as "cannot read", names the key id.
        throw new KeyUnavailable(
          keyId,
          `KMS refused to unwrap with ${keyId}: ${(error as Error).name}`,
        );
      }
    },
  };
}
// AccountOpsModule.forRootAsync({ ..., useFactory: () => ({ store, cardFingerprintSecret, keyProvider: kmsKeyProvider(kms, arn) }) })
// #endregion kms
