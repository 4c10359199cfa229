import { createHash } from 'node:crypto';
import { oneShot } from '../one-shot-hash';

const NODE_INPUT = Buffer.alloc(1 + 2 * 32);

/** SHA-256 of `prefix` byte then `parts`, in one call where Node allows it. */
function prefixedSha256(prefix: number, ...parts: Uint8Array[]): Hash {
  if (!oneShot) {
    const hash = createHash('sha256').update(Uint8Array.of(prefix));
    for (const part of parts) hash.update(part);
    return hash.digest();
  }
  let length = 1;
  for (const part of parts) length += part.length;
  // Node hashes (65 bytes, the most frequent) reuse one buffer: the hash reads it at once.
  const input = length === NODE_INPUT.length ? NODE_INPUT : Buffer.allocUnsafe(length);
  input[0] = prefix;
  let at = 1;
  for (const part of parts) {
    input.set(part, at);
    at += part.length;
  }
  return oneShot('sha256', input, 'buffer');
}

/** A SHA-256 hash: 32 bytes. */
export type Hash = Uint8Array;

export const HASH_SIZE = 32;

/** RFC 9162 §2.1.1: the hash of an empty tree, SHA-256 of nothing. */
export function emptyRoot(): Hash {
  return createHash('sha256').digest();
}

/** RFC 9162 §2.1.1: `SHA-256(0x00 || leaf)`. */
export function leafHash(leaf: Uint8Array): Hash {
  return prefixedSha256(LEAF_PREFIX, leaf);
}

/** RFC 9162 §2.1.1: `SHA-256(0x01 || left || right)`. */
export function nodeHash(left: Hash, right: Hash): Hash {
  // The most frequent hash of all (proofs, bundles): no argument list, one reused buffer.
  if (!oneShot || left.length !== 32 || right.length !== 32)
    return prefixedSha256(NODE_PREFIX, left, right);
  NODE_INPUT[0] = NODE_PREFIX;
  NODE_INPUT.set(left, 1);
  NODE_INPUT.set(right, 33);
  return oneShot('sha256', NODE_INPUT, 'buffer');
}

const LEAF_PREFIX = 0x00;
const NODE_PREFIX = 0x01;

export function hashesEqual(a: Hash, b: Hash): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** The largest power of two strictly smaller than `n` (n ≥ 2), as RFC 9162 splits a tree. */
export function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}
