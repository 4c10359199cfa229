import type { TransactionalEventStore } from '@account-ops/event-store';
import type { KeyProvider } from './key-provider';
import { developmentKeyPlace, masterKeyFromEnvironment } from './master-key-source';

// A development key for an in-memory store lives as long as the store: every engine
// built on the same store instance must wrap and unwrap with the same key.
const inMemory = new WeakMap<object, KeyProvider>();
let warned = false;

/**
 * The key provider `createAccountOps` uses when none is given: `ACCOUNT_OPS_MASTER_KEY` or
 * `ACCOUNT_OPS_MASTER_KEY_FILE`; required with `NODE_ENV=production` (throws
 * {@link MasterKeyConfigError}); in development a generated key — in memory for an
 * in-memory store, else in a file beside the SQLite database (or
 * `data/account-ops.master-key`), created on first use with a process warning.
 */
export function defaultKeyProvider(
  store: TransactionalEventStore,
  env: Readonly<Record<string, string | undefined>> = process.env,
): KeyProvider {
  const place = developmentKeyPlace(store);
  const configured = Boolean(
    env.ACCOUNT_OPS_MASTER_KEY?.trim() || env.ACCOUNT_OPS_MASTER_KEY_FILE?.trim(),
  );
  const owner = place.kind === 'memory' && !configured ? (place.store ?? store) : undefined;
  const known = owner && inMemory.get(owner);
  if (known) return known;
  const setup = masterKeyFromEnvironment({ env, developmentKey: place, generate: true });
  if (setup.generated && !warned) {
    // Once per process: test suites create many throwaway stores.
    warned = true;
    process.emitWarning(setup.notice ?? 'generated a development key-encryption key', {
      code: 'ACCOUNT_OPS_DEVELOPMENT_MASTER_KEY',
    });
  }
  if (owner) inMemory.set(owner, setup.provider);
  return setup.provider;
}
