import type { MapEdit } from './map-edit';
import { ownEntry } from './own-entry';

/**
 * A map from string keys that stays cheap to change without being changed: entries live
 * in 64 × 64 buckets chosen by a hash of the key, so a write copies two bucket lists of 64
 * and one small bucket instead of every entry (a top-up-heavy account remembers tens of
 * thousands of payment references, and each command must leave the state it was given as
 * it was). Plain nested objects: JSON-safe, so snapshots keep it as it is.
 */
export type BucketMap<V> = Record<string, Record<string, Record<string, V>>>;

const FAN = 64;

/** FNV-1a over UTF-16 code units: fixed forever, since snapshots store the buckets. */
function hashOf(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

function bucketsOf(key: string): [string, string] {
  const h = hashOf(key);
  return [String(h % FAN), String(Math.floor(h / FAN) % FAN)];
}

export function bucketGet<V>(map: BucketMap<V>, key: string): V | undefined {
  const [outer, inner] = bucketsOf(key);
  const middle = ownEntry(map, outer);
  const leaf = middle && ownEntry(middle, inner);
  return leaf && ownEntry(leaf, key);
}

export function bucketSet<V>(
  map: BucketMap<V>,
  key: string,
  value: V,
  edit: MapEdit,
): BucketMap<V> {
  const [outer, inner] = bucketsOf(key);
  // Prototype-less, so V8 keeps the buckets as dictionaries (keys never repeat across
  // accounts: one hidden class per key would be made otherwise), see dictionaryCopy.
  const middle = ownEntry(map, outer) ?? (Object.create(null) as BucketMap<V>[string]);
  const leaf = ownEntry(middle, inner) ?? (Object.create(null) as Record<string, V>);
  return edit.set(map, outer, edit.set(middle, inner, edit.set(leaf, key, value)));
}
