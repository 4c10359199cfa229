/** Where the events live, parsed from `ACCOUNT_OPS_STORE`. */
export type StoreLocation =
  | { readonly kind: 'memory' }
  | { readonly kind: 'sqlite'; readonly filename: string }
  | { readonly kind: 'postgres'; readonly connectionString: string }
  | { readonly kind: 'eventstoredb'; readonly connectionString: string };

/** The embedded default: zero setup, one file under ./data. */
export const DEFAULT_STORE_URL = 'sqlite:./data/account-ops.db';

export class InvalidStoreUrl extends Error {
  constructor(readonly url: string) {
    super(
      `ACCOUNT_OPS_STORE must be memory:, sqlite:<file>, postgres://… or esdb://… (got ${describe(url)})`,
    );
    this.name = 'InvalidStoreUrl';
  }
}

// Never echo a full URL: it may carry a password.
function describe(url: string): string {
  return url.length === 0 ? 'an empty value' : `"${url.split(':')[0]}:…"`;
}

export function parseStoreUrl(url: string = DEFAULT_STORE_URL): StoreLocation {
  const text = url.trim();
  if (text === 'memory:' || text === 'memory') return { kind: 'memory' };
  if (text.startsWith('sqlite:')) {
    const filename = text.slice('sqlite:'.length).replace(/^\/\/(?=\/)/, '');
    if (filename.length === 0) throw new InvalidStoreUrl(url);
    return { kind: 'sqlite', filename };
  }
  if (/^postgres(ql)?:\/\//.test(text)) return { kind: 'postgres', connectionString: text };
  if (/^esdb(\+discover)?:\/\//.test(text)) return { kind: 'eventstoredb', connectionString: text };
  throw new InvalidStoreUrl(url);
}
