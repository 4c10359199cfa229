import type { JsonValue, StoredRecord } from '@account-ops/event-store';
import { KeyUnavailable, type WrappedKey } from './key-provider';

/** The records collection of the per-account data keys (the key is the account id). */
export const DATA_KEY_COLLECTION = 'data-key';

/** A stored data key: wrapped by a key-encryption key, or in clear (written before wrapping existed). */
export type StoredDataKey =
  | { readonly form: 'wrapped'; readonly wrapped: WrappedKey }
  | { readonly form: 'clear'; readonly key: Buffer };

/** The record value of a wrapped key: exactly what the provider returned. */
export function dataKeyValue(wrapped: WrappedKey): JsonValue {
  return { keyId: wrapped.keyId, wrapped: wrapped.wrapped };
}

/** Reads a data-key record; a malformed one is refused rather than taken for a key. */
export function readDataKey(record: StoredRecord): StoredDataKey {
  const { value } = record;
  // Before envelope encryption the key was stored as base64 text.
  if (typeof value === 'string') return { form: 'clear', key: Buffer.from(value, 'base64') };
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    const { keyId, wrapped } = value;
    if (typeof keyId === 'string' && typeof wrapped === 'string') {
      return { form: 'wrapped', wrapped: { keyId, wrapped } };
    }
  }
  throw new KeyUnavailable(
    undefined,
    `the stored data key of account ${record.key} is malformed (neither wrapped nor a key)`,
  );
}
