import { leafHash, type Hash } from './hashing';

/** What a leaf commits to: one event's identity and stored hash. */
export interface LeafEvent {
  /** The event's global position as the store gives it (SQLite: commit = prepare). */
  readonly position: { readonly commit: bigint; readonly prepare: bigint };
  readonly streamId: string;
  readonly version: number;
  /** The event's stored hash (`metadata.hash`), 64 lowercase hex digits. */
  readonly hash: string;
}

const HEX_HASH = /^[0-9a-f]{64}$/;

/**
 * The leaf bytes (docs/auditing.md, "The Merkle log"): `commit` u64 BE, `prepare` u64
 * BE, the stream id's UTF-8 length u32 BE, the stream id in UTF-8, `version` u64 BE and
 * the 32 bytes of the event hash. Fixed widths and a length prefix make the encoding
 * injective. The event's content is covered through its hash (which covers its
 * predecessor's), never by its personal data: shredding a data key changes no leaf.
 */
export function encodeLeaf(event: LeafEvent): Uint8Array {
  if (!HEX_HASH.test(event.hash))
    throw new RangeError(`event hash ${event.hash} is not 64 hex digits`);
  if (!Number.isSafeInteger(event.version) || event.version < 0) {
    throw new RangeError(`version ${event.version} is invalid`);
  }
  const stream = Buffer.from(event.streamId, 'utf8');
  const out = Buffer.alloc(8 + 8 + 4 + stream.length + 8 + 32);
  let at = out.writeBigUInt64BE(event.position.commit, 0);
  at = out.writeBigUInt64BE(event.position.prepare, at);
  at = out.writeUInt32BE(stream.length, at);
  at += stream.copy(out, at);
  at = out.writeBigUInt64BE(BigInt(event.version), at);
  out.write(event.hash, at, 'hex');
  return out;
}

/** `SHA-256(0x00 || encodeLeaf(event))`. */
export function eventLeafHash(event: LeafEvent): Hash {
  return leafHash(encodeLeaf(event));
}
