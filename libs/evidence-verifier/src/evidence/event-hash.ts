import { createHash } from 'node:crypto';

/** The `prevHash` of a stream's first event: 64 zeros. */
export const GENESIS_HASH = '0'.repeat(64);

/**
 * RFC 8785 (JCS) canonical JSON of plain JSON values: object keys sorted by UTF-16 code
 * units (what Array.prototype.sort compares), strings and numbers as ECMAScript's
 * JSON.stringify writes them (which is what JCS specifies), members whose value is
 * undefined left out.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number' && !Number.isFinite(value))
      throw new Error('not JSON: a non-finite number');
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v ?? null)).join(',')}]`;
  const object = value as Record<string, unknown>;
  const members = Object.keys(object)
    .filter((k) => object[k] !== undefined)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${canonicalJson(object[k])}`);
  return `{${members.join(',')}}`;
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
  const { prevHash, hash: _hash, ...metadata } = event.metadata;
  const content = {
    eventId: event.eventId,
    streamId: event.streamId,
    version: event.version,
    type: event.type,
    schemaVersion: event.schemaVersion,
    data: event.data,
    metadata,
  };
  return createHash('sha256')
    .update(prevHash)
    .update('\n')
    .update(canonicalJson(content))
    .digest('hex');
}
