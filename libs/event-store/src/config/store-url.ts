import { type EsdbClientKind, esdbClientKind } from '../eventstoredb/clients/client-kind';

/** Where the events live, parsed from `ACCOUNT_OPS_STORE`. */
export type StoreLocation =
  | { readonly kind: 'memory' }
  | { readonly kind: 'sqlite'; readonly filename: string }
  | { readonly kind: 'postgres'; readonly connectionString: string }
  | {
      /** EventStoreDB or KurrentDB (the same server, renamed): events only. */
      readonly kind: 'eventstoredb';
      readonly connectionString: string;
      /** The npm client the scheme names: `kurrentdb://…` or `esdb://…`. */
      readonly client: EsdbClientKind;
    };

/** The embedded default: zero setup, one file under ./data. */
export const DEFAULT_STORE_URL = 'sqlite:./data/account-ops.db';

export class InvalidStoreUrl extends Error {
  constructor(readonly url: string) {
    super(
      `ACCOUNT_OPS_STORE must be memory:, sqlite:<file>, postgres://…, kurrentdb://… or esdb://… (got ${describe(url)})`,
    );
    this.name = 'InvalidStoreUrl';
  }
}

// Never echo a full URL: it may carry a password.
function describe(url: string): string {
  return url.length === 0 ? 'an empty value' : `"${url.split(':')[0]}:…"`;
}

/**
 * Parses a store URL: `memory:`, `sqlite:<file>`, `postgres://…`, or an events-only
 * EventStoreDB/KurrentDB store, `kurrentdb://…`/`kurrentdb+discover://…` (the KurrentDB
 * client) or `esdb://…`/`esdb+discover://…` (the EventStoreDB v6 client).
 * @throws InvalidStoreUrl, whose message shows the scheme only (a URL may carry a password).
 */
export function parseStoreUrl(url: string = DEFAULT_STORE_URL): StoreLocation {
  const text = url.trim();
  if (text === 'memory:' || text === 'memory') return { kind: 'memory' };
  if (text.startsWith('sqlite:')) {
    const filename = text.slice('sqlite:'.length).replace(/^\/\/(?=\/)/, '');
    if (filename.length === 0) throw new InvalidStoreUrl(url);
    return { kind: 'sqlite', filename };
  }
  if (/^postgres(ql)?:\/\//.test(text)) return { kind: 'postgres', connectionString: text };
  const client = esdbClientKind(text);
  if (client) return { kind: 'eventstoredb', connectionString: text, client };
  throw new InvalidStoreUrl(url);
}
