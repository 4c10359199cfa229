import { createHash } from 'node:crypto';

/** The chain: one record per read, keyed by its zero-padded sequence number. */
export const ACCESS_COLLECTION = 'access-log';
/** The chain's head (last seq, hash and time), written with every batch. */
export const ACCESS_STATE_COLLECTION = 'access-log-state';
export const ACCESS_STATE_KEY = 'head';
/** Lookups by account and by actor: `<digest of the id>/<seq>` → `{ seq }`. */
export const ACCESS_BY_ACCOUNT = 'access-log-by-account';
export const ACCESS_BY_ACTOR = 'access-log-by-actor';

const SEQ_DIGITS = 12;

/** Fixed width, so that keys sort in sequence order (byte order). */
export const seqKey = (seq: number): string => String(seq).padStart(SEQ_DIGITS, '0');

/** The sequence number of a chain key, or undefined if it is not one. */
export function parseSeqKey(key: string): number | undefined {
  if (key.length !== SEQ_DIGITS || !/^\d+$/.test(key)) return undefined;
  return Number(key);
}

/**
 * An id as index keys hold it: 32 hex digits of its SHA-256. Fixed length (an actor id
 * may be as long as a key may be), no separator to escape, and a prefix of one id's
 * entries is never a prefix of another's.
 */
export const idDigest = (id: string): string =>
  createHash('sha256').update(id).digest('hex').slice(0, 32);

export const indexPrefix = (id: string): string => `${idDigest(id)}/`;
export const indexKey = (id: string, seq: number): string => `${indexPrefix(id)}${seqKey(seq)}`;

/** An index key's parts, or undefined if it is malformed. */
export function parseIndexKey(key: string): { digest: string; seq: number } | undefined {
  const slash = key.indexOf('/');
  if (slash !== 32) return undefined;
  const seq = parseSeqKey(key.slice(slash + 1));
  return seq === undefined ? undefined : { digest: key.slice(0, slash), seq };
}
