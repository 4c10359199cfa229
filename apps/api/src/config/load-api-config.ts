import { DEFAULT_STORE_URL, parseStoreUrl } from '@account-ops/event-store';
import {
  SEARCH_KEY_VARIABLE,
  SearchKeyConfigError,
  searchKeyFromEnvironment,
  developmentKeyPlace,
  masterKeyFromEnvironment,
  MasterKeyConfigError,
  parseTotpSecrets,
  type MasterKeySetup,
  ConfigFileError,
  loadOperatingRules,
  SettingError,
  type OperatingRules,
} from '@account-ops/engine';
import { apiKeyWarnings, parseApiKeys, type ApiKeyEntry } from '../auth/api-keys';
import { DEFAULT_CONSOLE_DIR } from '../console/console-files';
import type { ApiAppOptions } from '../app/api-options';
import { ApiConfigError } from './api-config-error';
import { loadCheckpointConfig } from './checkpoint-config';
import { generateDevKeys, type DevKey } from './dev-keys';
import { loadClockCheckConfig } from './clock-check-config';
import { loadIdentityConfig } from './identity-config';
import { loadLimitsConfig } from './limits-config';
import { OIDC_SETTINGS, oidcConfigFrom } from './oidc-settings';
import { loadWebhooksConfig } from './webhooks-config';
import { refuseWeakSecrets } from './production-secrets';
import { loadConsoleOidcClient } from '../sign-in/oidc-client-config';
import { SESSION_SETTINGS, sessionTimeoutsOf } from '../sign-in/session-settings';

export { ApiConfigError } from './api-config-error';

/** What `npm start` runs with, read from the environment. */
export interface LoadedApiConfig {
  readonly options: ApiAppOptions;
  readonly port: number;
  /** `HOST`: the address to listen on; unset: every interface. */
  readonly host?: string;
  /** Set in development mode: keys generated for this run, to print once. */
  readonly devKeys?: readonly DevKey[];
  /** Things to log once the logger is up. */
  readonly warnings: readonly string[];
}

// Stable across restarts so development fingerprints stay comparable; never valid in production.
const DEV_CARD_SECRET = 'account-ops-development-card-secret';

function searchKey(env: NodeJS.ProcessEnv) {
  try {
    return searchKeyFromEnvironment(env);
  } catch (error) {
    if (error instanceof SearchKeyConfigError) throw new ApiConfigError(error.message);
    throw error;
  }
}

function port(text: string | undefined): number {
  if (text === undefined || text.trim() === '') return 3000;
  const value = Number(text);
  if (!/^\d+$/.test(text.trim()) || value < 1 || value > 65535) {
    throw new ApiConfigError('PORT must be an integer from 1 to 65535');
  }
  return value;
}

/** `inline` or `async`; unset keeps the store's default (inline on SQLite). */
function projectionMode(text: string | undefined): 'inline' | 'async' | undefined {
  const mode = text?.trim();
  if (!mode) return undefined;
  if (mode === 'inline' || mode === 'async') return mode;
  throw new ApiConfigError('ACCOUNT_OPS_PROJECTIONS must be inline or async');
}

/**
 * `ACCOUNT_OPS_PROJECTOR_THREAD=on`: the async projector in a worker thread with its own
 * connections to the store. PostgreSQL only (SQLite's default is inline,
 * in the append's own transaction).
 */
function projectorThread(
  text: string | undefined,
  store: string,
  projections: 'inline' | 'async' | undefined,
): boolean {
  const value = text?.trim().toLowerCase() || 'off';
  if (value === 'off') return false;
  if (value !== 'on') throw new ApiConfigError('ACCOUNT_OPS_PROJECTOR_THREAD must be on or off');
  if (parseStoreUrl(store).kind !== 'postgres' || projections === 'inline') {
    throw new ApiConfigError(
      'ACCOUNT_OPS_PROJECTOR_THREAD=on needs a postgres:// ACCOUNT_OPS_STORE and async read models',
    );
  }
  return true;
}

/**
 * The business rules (docs/operations.md "Operating rules"): defaults, overridden by the
 * ACCOUNT_OPS_CONFIG file, overridden by each rule's variable. A bad value stops the start.
 */
function operatingRules(env: NodeJS.ProcessEnv): OperatingRules {
  try {
    return loadOperatingRules(env, [...OIDC_SETTINGS, ...SESSION_SETTINGS]);
  } catch (error) {
    if (error instanceof SettingError || error instanceof ConfigFileError) {
      throw new ApiConfigError(error.message);
    }
    throw error;
  }
}

/**
 * In production no configuration value may be a usable key: every entry must be the key's
 * `sha256:<hex>` (the CLI's `api-keys generate` prints one). Names the entries, never a key.
 */
function requireHashedKeysInProduction(keys: readonly ApiKeyEntry[], production: boolean): void {
  if (!production) return;
  const clear = keys.flatMap((entry, index) => (entry.key !== undefined ? [index + 1] : []));
  if (clear.length > 0) {
    throw new ApiConfigError(
      `ACCOUNT_OPS_API_KEYS entries ${clear.join(', ')} hold a key in clear; in production configure each key as sha256:<hex> (account-ops api-keys generate)`,
    );
  }
}

function isPostgresUrl(url: string): boolean {
  try {
    return parseStoreUrl(url).kind === 'postgres';
  } catch {
    return false;
  }
}

/**
 * `ACCOUNT_OPS_READ_STORE`: required with an EventStoreDB/KurrentDB store (records and
 * read models live there), refused with any other (those keep everything in one database).
 */
function readStoreUrl(text: string | undefined, storeKind: string): string | undefined {
  const url = text?.trim() || undefined;
  if (storeKind === 'eventstoredb') {
    if (!url || !isPostgresUrl(url)) {
      throw new ApiConfigError(
        'ACCOUNT_OPS_STORE=kurrentdb://… or esdb://… needs ACCOUNT_OPS_READ_STORE=postgres://… for records and read models',
      );
    }
    return url;
  }
  if (url) {
    throw new ApiConfigError(
      'ACCOUNT_OPS_READ_STORE is only used with ACCOUNT_OPS_STORE=kurrentdb://… or esdb://… (other stores keep read models beside the events)',
    );
  }
  return undefined;
}

/**
 * The key-encryption keys (ACCOUNT_OPS_MASTER_KEY or ACCOUNT_OPS_MASTER_KEY_FILE); in
 * development a generated key kept beside the SQLite store (or in memory for memory:).
 */
function masterKey(env: NodeJS.ProcessEnv, store: string): MasterKeySetup {
  try {
    return masterKeyFromEnvironment({
      env,
      developmentKey: developmentKeyPlace(parseStoreUrl(store)),
      generate: true,
    });
  } catch (error) {
    if (error instanceof MasterKeyConfigError) throw new ApiConfigError(error.message);
    throw error;
  }
}

/**
 * Reads ACCOUNT_OPS_STORE, ACCOUNT_OPS_READ_STORE, ACCOUNT_OPS_API_KEYS, ACCOUNT_OPS_TOTP_SECRETS,
 * ACCOUNT_OPS_CARD_SECRET, ACCOUNT_OPS_MASTER_KEY(_FILE), ACCOUNT_OPS_PROJECTIONS, ACCOUNT_OPS_PROJECTOR_THREAD, PORT, HOST,
 * LOG_LEVEL and NODE_ENV, the limits (limits-config.ts) and the operating rules
 * (ACCOUNT_OPS_CONFIG and one variable per rule, @account-ops/engine's settings) with the
 * OIDC settings (ACCOUNT_OPS_OIDC_*, oidc-settings.ts) registered beside them. Without
 * keys outside production it generates development keys; in production missing API keys,
 * card secret or master key are fatal, and so are weak or sample ones (production-secrets.ts).
 */
export function loadApiConfig(env: NodeJS.ProcessEnv): LoadedApiConfig {
  const production = env.NODE_ENV === 'production';
  const warnings: string[] = [];
  const configured = parseApiKeys(env.ACCOUNT_OPS_API_KEYS);
  const rules = operatingRules(env);
  const oidc = oidcConfigFrom(rules.settings);
  if (configured.length === 0 && production && !oidc) {
    throw new ApiConfigError(
      'ACCOUNT_OPS_API_KEYS is required when NODE_ENV=production (sha256:<hex>=actorId:role1|role2;...), unless people and integrations sign in through ACCOUNT_OPS_OIDC_ISSUER',
    );
  }
  requireHashedKeysInProduction(configured, production);
  warnings.push(...apiKeyWarnings(configured));
  const secret = env.ACCOUNT_OPS_CARD_SECRET;
  if ((secret === undefined || secret === '') && production) {
    throw new ApiConfigError('ACCOUNT_OPS_CARD_SECRET is required when NODE_ENV=production');
  }
  if (secret !== undefined && secret !== '' && secret.length < 16) {
    throw new ApiConfigError('ACCOUNT_OPS_CARD_SECRET must be at least 16 characters');
  }
  if (!secret)
    warnings.push('ACCOUNT_OPS_CARD_SECRET is not set: using the development card secret');
  const search = searchKey(env);
  if (search.development)
    warnings.push(
      `${SEARCH_KEY_VARIABLE} is not set: the search index uses the development search key`,
    );
  const store = env.ACCOUNT_OPS_STORE?.trim() || DEFAULT_STORE_URL;
  const storeKind = parseStoreUrl(store).kind; // fail fast, before anything starts
  const readStore = readStoreUrl(env.ACCOUNT_OPS_READ_STORE, storeKind);
  const projections = projectionMode(env.ACCOUNT_OPS_PROJECTIONS);
  const thread = projectorThread(env.ACCOUNT_OPS_PROJECTOR_THREAD, store, projections);
  const totpSecrets = parseTotpSecrets(env.ACCOUNT_OPS_TOTP_SECRETS);
  if (totpSecrets.size === 0) {
    warnings.push(
      oidc
        ? 'ACCOUNT_OPS_TOTP_SECRETS is not set: only people signed in through the identity provider (with MFA) can pass a step-up; API-key actors cannot change bank cards or make top-ups above the step-up threshold'
        : 'ACCOUNT_OPS_TOTP_SECRETS is not set: no actor has a second factor, so operators cannot change bank cards or make top-ups above the step-up threshold',
    );
  }
  const limits = loadLimitsConfig(env);
  const webhooks = loadWebhooksConfig(env);
  const master = masterKey(env, store);
  if (master.notice) warnings.push(master.notice);
  if (production) refuseWeakSecrets(env, configured, totpSecrets);
  const checkpoints = loadCheckpointConfig(env, store);
  if (checkpoints.notice) warnings.push(checkpoints.notice);
  const { stepUpLockout, ...identityRules } = loadIdentityConfig(env);
  const consoleOidc = loadConsoleOidcClient(env, oidc);
  // Development only: production without keys runs on OIDC tokens alone.
  const devKeys = configured.length === 0 && !production ? generateDevKeys() : undefined;
  const host = env.HOST?.trim() || undefined;
  return {
    port: port(env.PORT),
    ...(host ? { host } : {}),
    warnings,
    ...(devKeys ? { devKeys } : {}),
    options: {
      store,
      ...(readStore ? { readStore } : {}),
      apiKeys: devKeys ?? configured,
      ...(oidc ? { oidc } : {}),
      cardFingerprintSecret: secret || DEV_CARD_SECRET,
      searchKey: search.key,
      keyProvider: master.provider,
      totpSecrets,
      log: { level: env.LOG_LEVEL?.trim() || 'info' },
      console: { dir: DEFAULT_CONSOLE_DIR },
      // Pasting an API key into the console: development only (issue 23).
      consoleSignIn: {
        apiKeys: !production,
        ...(consoleOidc ? { oidc: consoleOidc } : {}),
        timeouts: sessionTimeoutsOf(rules.settings),
      },
      ...(projections ? { projections } : {}),
      ...(thread ? { projectorThread: true } : {}),
      checkpoints: checkpoints.options,
      ...limits,
      ...webhooks,
      ...loadClockCheckConfig(env),
      stepUpLockout,
      accountConfig: { ...rules.accountConfig, ...identityRules },
      settings: rules.settings,
    },
  };
}
