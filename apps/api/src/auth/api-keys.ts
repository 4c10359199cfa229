import { createHash, timingSafeEqual } from 'node:crypto';
import { isId, isRole, type Actor, type Role } from '@account-ops/accounts';

/** A configured key and the actor it stands for. */
export interface ApiKeyEntry {
  readonly key: string;
  readonly actor: Actor;
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

function parseEntry(entry: string, index: number): ApiKeyEntry {
  const where = `entry ${index + 1}`;
  const eq = entry.indexOf('=');
  const colon = entry.indexOf(':', eq + 1);
  if (eq <= 0 || colon < 0) throw new InvalidApiKeys(`${where} must be key=actorId:role1|role2`);
  const key = entry.slice(0, eq).trim();
  const actorId = entry.slice(eq + 1, colon).trim();
  const roles = entry
    .slice(colon + 1)
    .split('|')
    .map((role) => role.trim())
    .filter((role) => role !== '');
  if (!KEY_PATTERN.test(key)) {
    throw new InvalidApiKeys(
      `${where}: the key must be 16–256 printable characters without = or ;`,
    );
  }
  if (!isId(actorId)) throw new InvalidApiKeys(`${where}: the actor id is not a valid id`);
  if (roles.length === 0) throw new InvalidApiKeys(`${where}: at least one role is needed`);
  const unknown = roles.find((role) => !isRole(role));
  if (unknown !== undefined) throw new InvalidApiKeys(`${where}: unknown role "${unknown}"`);
  return { key, actor: { id: actorId, roles: [...new Set(roles as Role[])] } };
}

/** Parses `key=actorId:role1|role2;...`; empty or unset gives no keys. */
export function parseApiKeys(text: string | undefined): ApiKeyEntry[] {
  const entries = (text ?? '')
    .split(';')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '')
    .map(parseEntry);
  const seen = new Set<string>();
  entries.forEach(({ key }, index) => {
    if (seen.has(key)) throw new InvalidApiKeys(`entry ${index + 1} repeats an earlier key`);
    seen.add(key);
  });
  return entries;
}

const digest = (text: string): Buffer => createHash('sha256').update(text, 'utf8').digest();

/**
 * The configured keys, looked up in constant time: every key's digest is compared with
 * timingSafeEqual, without stopping at a match, so the time taken says nothing about how
 * much of a guess was right or which entry matched. Only digests are kept.
 */
export class ApiKeyRing {
  private readonly entries: ReadonlyArray<{ readonly digest: Buffer; readonly actor: Actor }>;

  constructor(entries: readonly ApiKeyEntry[]) {
    this.entries = entries.map(({ key, actor }) => ({ digest: digest(key), actor }));
  }

  get size(): number {
    return this.entries.length;
  }

  find(presented: string): Actor | undefined {
    const candidate = digest(presented);
    let found: Actor | undefined;
    for (const entry of this.entries) {
      if (timingSafeEqual(entry.digest, candidate) && found === undefined) found = entry.actor;
    }
    return found;
  }
}
