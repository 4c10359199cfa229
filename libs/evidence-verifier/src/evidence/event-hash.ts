import { sha256Hex } from '../one-shot-hash';

/** The `prevHash` of a stream's first event: 64 zeros. */
export const GENESIS_HASH = '0'.repeat(64);

/** Characters JSON.stringify escapes in a string: quote, backslash, controls, surrogates. */
// eslint-disable-next-line no-control-regex -- matching them is the point
const NEEDS_ESCAPE = /[\u0000-\u001f"\\\ud800-\udfff]/;

/**
 * RFC 8785 (JCS) canonical JSON of plain JSON values: object keys sorted by UTF-16 code
 * units (what Array.prototype.sort compares), strings and numbers as ECMAScript's
 * JSON.stringify writes them (which is what JCS specifies), members whose value is
 * undefined left out.
 *
 * Written for speed (a bundle hashes every event): members appended in a loop, keys
 * sorted in place by insertion (objects are small and usually sorted already; `<`
 * compares UTF-16 code units as `sort()` does), strings that need no escaping quoted
 * directly. Held to the `canonicalize` library by a property test.
 */
export function canonicalJson(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return NEEDS_ESCAPE.test(value) ? JSON.stringify(value) : `"${value}"`;
    case 'number':
      if (!Number.isFinite(value)) throw new Error('not JSON: a non-finite number');
      return String(value);
    case 'object':
      if (value === null) return 'null';
      return Array.isArray(value) ? arrayJson(value) : objectJson(value as Record<string, unknown>);
    default:
      return JSON.stringify(value);
  }
}

function arrayJson(items: readonly unknown[]): string {
  let out = '[';
  for (let i = 0; i < items.length; i++) {
    if (i > 0) out += ',';
    out += canonicalJson(items[i] ?? null);
  }
  return out + ']';
}

/** Members sorted by key, without undefined ones and without the `omitted` keys. */
function objectJson(object: Record<string, unknown>, omitted?: readonly string[]): string {
  const keys = Object.keys(object);
  for (let i = 1; i < keys.length; i++) {
    const key = keys[i]!;
    let j = i - 1;
    while (j >= 0 && keys[j]! > key) {
      keys[j + 1] = keys[j]!;
      j--;
    }
    keys[j + 1] = key;
  }
  let out = '{';
  for (const key of keys) {
    const item = object[key];
    if (item === undefined || omitted?.includes(key)) continue;
    if (out.length > 1) out += ',';
    out += canonicalJson(key) + ':' + canonicalJson(item);
  }
  return out + '}';
}

/** An event as stored and exported: the SPEC envelope. */
export interface ExportedEvent {
  readonly eventId: string;
  readonly streamId: string;
  readonly version: number;
  readonly type: string;
  readonly schemaVersion: number;
  readonly data: unknown;
  readonly metadata: { readonly prevHash: string; readonly hash: string } & Record<string, unknown>;
}

/**
 * The event hash of the engine's hash chain: SHA-256 (hex) of `prevHash`, a newline and
 * the canonical JSON of `{ eventId, streamId, version, type, schemaVersion, data,
 * metadata }`, with `prevHash` and `hash` left out of `metadata`.
 */
export function eventHash(event: ExportedEvent): string {
  // Written member by member (no copy of the event without its hashes): a bundle hashes
  // every event of an account.
  let content = '{';
  for (const key of CONTENT_KEYS) {
    const value = event[key];
    if (value === undefined) continue;
    if (content.length > 1) content += ',';
    content += `"${key}":`;
    content +=
      key === 'metadata'
        ? objectJson(value as Record<string, unknown>, CHAIN_FIELDS)
        : canonicalJson(value);
  }
  return sha256Hex(`${event.metadata.prevHash}\n${content}}`);
}

/** The hashed members of an event, in canonical (sorted) order. */
const CONTENT_KEYS = [
  'data',
  'eventId',
  'metadata',
  'schemaVersion',
  'streamId',
  'type',
  'version',
] as const;

/** Metadata members the hash leaves out: the chain's own. */
const CHAIN_FIELDS = ['prevHash', 'hash'];
