import { createHash, timingSafeEqual } from 'node:crypto';
import { DEPRECATED_ROLES, isId, isRole, type Actor, type Role } from '@account-ops/accounts';

/**
 * A configured key and the actor it stands for: either the key itself (development keys,
 * tests) or only its SHA-256 (`sha256:<hex>`, the production form: no configuration value
 * is a usable key). `expiresAt` (ISO 8601) ends the key without a restart.
 */
export interface ApiKeyEntry {
  readonly key?: string;
  /** Lower-case hex SHA-256 of the key, when configured as a hash. */
  readonly sha256?: string;
  readonly actor: Actor;
  readonly expiresAt?: string;
}

/** `ACCOUNT_OPS_API_KEYS` is malformed. The message names the entry, never the key. */
export class InvalidApiKeys extends Error {
  constructor(message: string) {
    super(`ACCOUNT_OPS_API_KEYS: ${message}`);
    this.name = 'InvalidApiKeys';
  }
}

// Printable ASCII without `=` and `;` (the separators); 16+ characters so a key cannot be guessed.
const KEY_PATTERN = /^[\x21-\x3a\x3c\x3e-\x7e]{16,256}$/;
const HASHED = /^sha256:([0-9a-fA-F]{64})$/;
// `@` then an ISO 8601 instant (date, or date and time with a zone) after the roles.
const EXPIRY = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2}))?$/;

function expiryOf(text: string | undefined, where: string): string | undefined {
  if (text === undefined) return undefined;
  const trimmed = text.trim();
  const time = Date.parse(trimmed);
  if (!EXPIRY.test(trimmed) || Number.isNaN(time)) {
    throw new InvalidApiKeys(`${where}: the expiry after @ must be an ISO 8601 date or instant`);
  }
  return new Date(time).toISOString();
}

function secretOf(text: string, where: string): Pick<ApiKeyEntry, 'key' | 'sha256'> {
  const hashed = HASHED.exec(text);
  if (hashed) return { sha256: hashed[1]!.toLowerCase() };
  if (text.startsWith('sha256:')) {
    throw new InvalidApiKeys(`${where}: sha256: must be followed by 64 hex digits`);
  }
  if (!KEY_PATTERN.test(text)) {
    throw new InvalidApiKeys(
      `${where}: the key must be 16–256 printable characters without = or ;`,
    );
  }
  return { key: text };
}

function parseEntry(entry: string, index: number): ApiKeyEntry {
  const where = `entry ${index + 1}`;
  const eq = entry.indexOf('=');
  const colon = entry.indexOf(':', eq + 1);
  if (eq <= 0 || colon < 0) {
    throw new InvalidApiKeys(`${where} must be key=actorId:role1|role2[@expiry]`);
  }
  const secret = secretOf(entry.slice(0, eq).trim(), where);
  const actorId = entry.slice(eq + 1, colon).trim();
  const [roleText, expiryText, extra] = entry.slice(colon + 1).split('@');
  if (extra !== undefined) throw new InvalidApiKeys(`${where}: more than one @expiry`);
  const roles = roleText!
    .split('|')
    .map((role) => role.trim())
    .filter((role) => role !== '');
  if (!isId(actorId)) throw new InvalidApiKeys(`${where}: the actor id is not a valid id`);
  if (roles.length === 0) throw new InvalidApiKeys(`${where}: at least one role is needed`);
  const unknown = roles.find((role) => !isRole(role));
  if (unknown !== undefined) throw new InvalidApiKeys(`${where}: unknown role "${unknown}"`);
  const expiresAt = expiryOf(expiryText, where);
  return {
    ...secret,
    actor: { id: actorId, roles: [...new Set(roles as Role[])] },
    ...(expiresAt ? { expiresAt } : {}),
  };
}

const digest = (text: string): Buffer => createHash('sha256').update(text, 'utf8').digest();

/** The digest a key is looked up by: the configured hash, or the hash of the configured key. */
function digestOf(entry: ApiKeyEntry): Buffer {
  return entry.sha256 !== undefined ? Buffer.from(entry.sha256, 'hex') : digest(entry.key!);
}

/**
 * Parses `key=actorId:role1|role2[@expiry];...` where `key` may be `sha256:<hex>` (the
 * key's SHA-256); empty or unset gives no keys.
 */
export function parseApiKeys(text: string | undefined): ApiKeyEntry[] {
  const entries = (text ?? '')
    .split(';')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '')
    .map(parseEntry);
  const seen = new Set<string>();
  entries.forEach((entry, index) => {
    const hex = digestOf(entry).toString('hex');
    if (seen.has(hex)) throw new InvalidApiKeys(`entry ${index + 1} repeats an earlier key`);
    seen.add(hex);
  });
  return entries;
}

/** What configured keys deserve a start-up warning: deprecated roles, keys stored in clear. */
export function apiKeyWarnings(entries: readonly ApiKeyEntry[]): string[] {
  const warnings: string[] = [];
  const deprecated = entries.filter((e) => e.actor.roles.some((r) => DEPRECATED_ROLES.includes(r)));
  if (deprecated.length > 0) {
    warnings.push(
      `ACCOUNT_OPS_API_KEYS: role "system" is deprecated and will be removed in the next release; ` +
        `give each integration its own role (payment_gateway, identity_provider, billing, scheduler). ` +
        `Actors: ${deprecated.map((e) => e.actor.id).join(', ')}`,
    );
  }
  return warnings;
}

/** Why a presented key found no actor. */
export type KeyRefusal = 'invalid' | 'expired';

/**
 * The configured keys, looked up in constant time: every key's digest is compared with
 * timingSafeEqual, without stopping at a match, so the time taken says nothing about how
 * much of a guess was right or which entry matched. Only digests are kept.
 */
export class ApiKeyRing {
  private readonly entries: ReadonlyArray<{
    readonly digest: Buffer;
    readonly actor: Actor;
    readonly expiresAt?: number;
  }>;

  constructor(
    entries: readonly ApiKeyEntry[],
    private readonly now: () => number = Date.now,
  ) {
    this.entries = entries.map((entry) => ({
      digest: digestOf(entry),
      actor: entry.actor,
      ...(entry.expiresAt ? { expiresAt: Date.parse(entry.expiresAt) } : {}),
    }));
  }

  get size(): number {
    return this.entries.length;
  }

  /** The actor of a valid key, or why there is none. */
  lookup(presented: string): { actor: Actor } | { refusal: KeyRefusal } {
    const candidate = digest(presented);
    let found: (typeof this.entries)[number] | undefined;
    for (const entry of this.entries) {
      if (timingSafeEqual(entry.digest, candidate) && found === undefined) found = entry;
    }
    if (found === undefined) return { refusal: 'invalid' };
    if (found.expiresAt !== undefined && this.now() >= found.expiresAt) {
      return { refusal: 'expired' };
    }
    return { actor: found.actor };
  }

  find(presented: string): Actor | undefined {
    const result = this.lookup(presented);
    return 'actor' in result ? result.actor : undefined;
  }
}
