import {
  developmentKeyPlace,
  masterKeyFromEnvironment,
  type KeyProvider,
} from '@account-ops/engine';
import { parseStoreUrl } from '@account-ops/event-store';

/**
 * The API's key-encryption keys, for the commands that read personal data or re-wrap
 * data keys: `ACCOUNT_OPS_MASTER_KEY` / `ACCOUNT_OPS_MASTER_KEY_FILE`, else (outside
 * production) the development key file beside the store. Never generates one: a tool
 * must not invent the key a store is wrapped with. Resolved on first use, so commands
 * that never decrypt (events, verify, digest…) run without any key configured; a
 * missing, malformed or wrong key ends the run with exit 6 (see report-error.ts).
 */
export function cliKeyProvider(
  storeUrl: string,
  env: Readonly<Record<string, string | undefined>> = process.env,
): KeyProvider {
  let resolved: KeyProvider | undefined;
  const provider = (): KeyProvider =>
    (resolved ??= masterKeyFromEnvironment({
      env,
      developmentKey: developmentKeyPlace(parseStoreUrl(storeUrl)),
      generate: false,
    }).provider);
  return {
    currentKeyId: async () => provider().currentKeyId(),
    wrap: async (key, context) => provider().wrap(key, context),
    unwrap: async (wrapped, context) => provider().unwrap(wrapped, context),
  };
}
