import {
  MemoryEventStore,
  SplitEventStore,
  SqliteEventStore,
  type StoreLocation,
  type TransactionalEventStore,
} from '@account-ops/event-store';
import {
  existsSync,
  linkSync,
  mkdirSync,
  readFileSync,
  statSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { dirname } from 'node:path';
import { randomBytes } from 'node:crypto';
import { MasterKeyConfigError, type KeyProvider } from './key-provider';
import { LocalKeyProvider } from './local-key-provider';
import {
  formatMasterKey,
  generateKeyEncryptionKey,
  MASTER_KEY_FILE_VARIABLE,
  MASTER_KEY_VARIABLE,
  parseMasterKeys,
} from './master-key-text';

/**
 * Where a development key-encryption key is kept when none is configured: in memory for
 * an in-memory store (its data dies with the process anyway), else in a file readable
 * only by its owner — beside a SQLite database, `data/account-ops.master-key` for a
 * server store — so a restart, the CLI and other processes on the same store find it.
 */
export type DevelopmentKeyPlace =
  /** `store`: the in-memory store the key belongs to, when known (an instance). */
  | { readonly kind: 'memory'; readonly store?: object }
  | { readonly kind: 'file'; readonly path: string };

/** The development key file of stores that are not a file (PostgreSQL, EventStoreDB). */
export const SERVER_DEVELOPMENT_KEY_FILE = 'data/account-ops.master-key';

/** Where the development key of a store (an open instance, or a parsed store URL) lives. */
export function developmentKeyPlace(
  store: StoreLocation | TransactionalEventStore,
): DevelopmentKeyPlace {
  // Records are what the key protects: the split store keeps them in its SQL store.
  if (store instanceof SplitEventStore) return developmentKeyPlace(store.records);
  const sqliteFile =
    store instanceof SqliteEventStore
      ? store.filename
      : 'kind' in store && store.kind === 'sqlite'
        ? store.filename
        : undefined;
  const instance = 'kind' in store ? undefined : store;
  if (sqliteFile === ':memory:') return { kind: 'memory', store: instance };
  if (sqliteFile !== undefined) return { kind: 'file', path: `${sqliteFile}.master-key` };
  if (store instanceof MemoryEventStore || ('kind' in store && store.kind === 'memory')) {
    return { kind: 'memory', store: instance };
  }
  return { kind: 'file', path: SERVER_DEVELOPMENT_KEY_FILE };
}

export interface MasterKeyOptions {
  /** Read for ACCOUNT_OPS_MASTER_KEY, ACCOUNT_OPS_MASTER_KEY_FILE and NODE_ENV. */
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly developmentKey: DevelopmentKeyPlace;
  /**
   * Create the development key when it does not exist (the API, the engine). Tools that
   * only read (the CLI) get a provider that fails with a clear message when used instead.
   */
  readonly generate: boolean;
}

export interface MasterKeySetup {
  readonly provider: KeyProvider;
  /** A warning to print once (development key in use, key file readable by others). */
  readonly notice?: string;
  /** A development key file was created just now. */
  readonly generated?: boolean;
}

/**
 * The default {@link KeyProvider}: `ACCOUNT_OPS_MASTER_KEY` (`id:base64[,older-id:base64…]`,
 * current first) or the file `ACCOUNT_OPS_MASTER_KEY_FILE` names (the same entries, one
 * a line). With `NODE_ENV=production` one of them is required; otherwise a development key
 * is used (see {@link DevelopmentKeyPlace}) and the notice says so.
 */
export function masterKeyFromEnvironment(options: MasterKeyOptions): MasterKeySetup {
  const { env } = options;
  const inline = env[MASTER_KEY_VARIABLE]?.trim();
  const file = env[MASTER_KEY_FILE_VARIABLE]?.trim();
  if (inline && file) {
    throw new MasterKeyConfigError(
      `set ${MASTER_KEY_VARIABLE} or ${MASTER_KEY_FILE_VARIABLE}, not both`,
    );
  }
  if (inline) {
    return {
      provider: new LocalKeyProvider(
        parseMasterKeys(inline, MASTER_KEY_VARIABLE),
        MASTER_KEY_VARIABLE,
      ),
    };
  }
  if (file) return fromFile(file, `${MASTER_KEY_FILE_VARIABLE} (${file})`);
  if (env.NODE_ENV === 'production') {
    throw new MasterKeyConfigError(
      `${MASTER_KEY_VARIABLE} (id:base64-of-32-bytes[,older-id:…]) or ${MASTER_KEY_FILE_VARIABLE} ` +
        'is required when NODE_ENV=production',
    );
  }
  return developmentKey(options.developmentKey, options.generate);
}

function fromFile(path: string, source: string): MasterKeySetup {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new MasterKeyConfigError(`${source} cannot be read (${code})`);
  }
  const provider = new LocalKeyProvider(parseMasterKeys(text, source), source);
  // Like ssh with a private key: a key file others can read is a key others may have.
  const exposed = process.platform !== 'win32' && (statSync(path).mode & 0o077) !== 0;
  return exposed
    ? { provider, notice: `${source} is readable by other users: chmod 600 it` }
    : { provider };
}

function developmentKey(place: DevelopmentKeyPlace, generate: boolean): MasterKeySetup {
  const unset = `${MASTER_KEY_VARIABLE} is not set`;
  if (place.kind === 'memory') {
    return {
      provider: new LocalKeyProvider(
        [generateKeyEncryptionKey('dev')],
        'the development key held in memory',
      ),
    };
  }
  const source = `the development key file ${place.path}`;
  if (existsSync(place.path)) {
    const found = fromFile(place.path, source);
    return {
      provider: found.provider,
      notice: [
        `${unset}: wrapping data keys with ${source} (development only; production refuses to start without ${MASTER_KEY_VARIABLE})`,
        ...(found.notice ? [found.notice] : []),
      ].join('; '),
    };
  }
  if (!generate) return { provider: unconfigured(`${unset}, and there is no ${place.path}`) };
  createKeyFile(place.path);
  return {
    provider: fromFile(place.path, source).provider,
    generated: true,
    notice:
      `${unset}: generated a development key-encryption key in ${place.path} (mode 600). ` +
      `Keep it with the store: without it the personal data in the store cannot be read. ` +
      `Production refuses to start without ${MASTER_KEY_VARIABLE}.`,
  };
}

/**
 * Writes a new key file that appears complete or not at all: written under a private
 * name, then linked into place, which fails if another process created it first (that
 * one's key is then the key).
 */
function createKeyFile(path: string): void {
  mkdirSync(dirname(path), { recursive: true });
  const key = generateKeyEncryptionKey('dev');
  const text = [
    `# account-ops DEVELOPMENT key-encryption key, generated ${new Date().toISOString()} because ${MASTER_KEY_VARIABLE} was not set.`,
    '# It wraps the data keys of the store it sits beside: without it their personal data cannot be read.',
    `# In production set ${MASTER_KEY_VARIABLE} or ${MASTER_KEY_FILE_VARIABLE} (docs/operations.md, key management).`,
    formatMasterKey(key),
    '',
  ].join('\n');
  const temporary = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  writeFileSync(temporary, text, { mode: 0o600, flag: 'wx' });
  try {
    linkSync(temporary, path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    unlinkSync(temporary);
  }
}

/** A provider for tools that found no key: fine until a data key is actually needed. */
function unconfigured(why: string): KeyProvider {
  const fail = (): never => {
    throw new MasterKeyConfigError(
      `${why}: set ${MASTER_KEY_VARIABLE} or ${MASTER_KEY_FILE_VARIABLE} as for the API`,
    );
  };
  return { currentKeyId: async () => fail(), wrap: async () => fail(), unwrap: async () => fail() };
}
