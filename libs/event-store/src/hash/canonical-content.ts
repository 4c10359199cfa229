import type { RecordedEvent } from '../port/envelope';
import { fastCanonicalJson, writeObject } from './fast-canonical-json';
import { hashedContentOf } from './hash-chain';

/** What {@link hashedContentOf} leaves out of the metadata. */
const HASH_FIELDS: ReadonlySet<string> = new Set(['prevHash', 'hash']);

/**
 * The canonical JSON of an event's hashed content — `canonicalize(hashedContentOf(event))`
 * — written straight from the stored event: the content's seven keys in their sorted
 * order, and the metadata without its hashes, with no intermediate objects and no sort of
 * keys whose order is known. Metadata that is not a plain object (only a damaged store
 * has such) goes the long way, through `hashedContentOf`, whose object rest decides what
 * is copied.
 */
export function canonicalContent(event: RecordedEvent): string | undefined {
  const metadata: unknown = event.metadata;
  if (!isPlainObject(metadata)) return fastCanonicalJson(hashedContentOf(event));
  let out = '{';
  out = member(out, '"data":', event.data);
  out = member(out, '"eventId":', event.eventId);
  out += (out.length > 1 ? ',' : '') + '"metadata":' + writeObject(metadata, HASH_FIELDS);
  out = member(out, ',"schemaVersion":', event.schemaVersion, true);
  out = member(out, ',"streamId":', event.streamId, true);
  out = member(out, ',"type":', event.type, true);
  out = member(out, ',"version":', event.version, true);
  return out + '}';
}

/** Appends `"name":value` unless the value is one canonicalize leaves out. */
function member(out: string, name: string, value: unknown, commaIncluded = false): string {
  if (value === undefined || typeof value === 'symbol') return out;
  const separator = !commaIncluded && out.length > 1 ? ',' : '';
  return out + separator + name + fastCanonicalJson(value);
}

/** An object literal or JSON.parse result: own keys are all there is to copy or write. */
function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return (proto === Object.prototype || proto === null) && !Object.hasOwn(value, 'toJSON');
}
