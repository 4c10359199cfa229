/** The variable that holds the search index's HMAC key. */
export const SEARCH_KEY_VARIABLE = 'ACCOUNT_OPS_SEARCH_KEY';

/** Development only (not production): every development store's tokens use it. */
export const DEVELOPMENT_SEARCH_KEY = 'account-ops-development-search-key';

/** The search key is missing (production) or too short; names the variable, never the value. */
export class SearchKeyConfigError extends Error {
  readonly code = 'SEARCH_KEY_CONFIG';
  constructor(message: string) {
    super(message);
    this.name = 'SearchKeyConfigError';
  }
}

/**
 * The search index's key from `ACCOUNT_OPS_SEARCH_KEY`: a dedicated secret (not derived
 * from the key-encryption key, which a KMS never hands out), at least 16 characters,
 * required with `NODE_ENV=production`; the development key otherwise. Changing it makes
 * every token unfindable until `account-ops search reindex` has run.
 */
export function searchKeyFromEnvironment(env: Readonly<Record<string, string | undefined>>): {
  readonly key: string;
  readonly development: boolean;
} {
  const value = env[SEARCH_KEY_VARIABLE]?.trim();
  if (!value) {
    if (env.NODE_ENV === 'production')
      throw new SearchKeyConfigError(`${SEARCH_KEY_VARIABLE} is required when NODE_ENV=production`);
    return { key: DEVELOPMENT_SEARCH_KEY, development: true };
  }
  if (value.length < 16)
    throw new SearchKeyConfigError(`${SEARCH_KEY_VARIABLE} must be at least 16 characters`);
  return { key: value, development: false };
}
