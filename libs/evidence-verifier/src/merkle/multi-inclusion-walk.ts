import { createHash } from 'node:crypto';
import { oneShot } from '../one-shot-hash';
import { splitPoint } from './hashing';

// Internal to the package (multi-inclusion.ts and verifyEvidence): not exported from its
// index. The format is defined in multi-inclusion.ts and docs/auditing.md.

/** Why a set of leaf indices cannot be proven in a tree of `size` leaves, or undefined. */
export function leafIndicesProblem(indices: readonly number[], size: number): string | undefined {
  if (indices.length === 0) return 'no leaf to prove';
  let previous = -1;
  for (let i = 0; i < indices.length; i++) {
    const index = indices[i]!;
    if (!Number.isSafeInteger(index) || index < 0)
      return `leaf index ${String(index)} is not a leaf index`;
    if (index <= previous)
      return `leaf index ${index} follows ${previous}: leaf indices must be strictly increasing`;
    if (index >= size) return `leaf index ${index} is not below tree size ${size}`;
    previous = index;
  }
  return undefined;
}

/**
 * `multiInclusionRoot` with the leaf hashes and the root as latin1 strings (one
 * character per byte): how verifyEvidence calls it. A hash computed as a string costs
 * about half of one computed as a Buffer (no backing store per hash, less for the GC),
 * and a bundle's check computes tens of thousands.
 */
export function multiInclusionRootLatin1(
  leaves: readonly string[],
  indices: readonly number[],
  size: number,
  proofBytes: Uint8Array,
): { readonly ok: true; readonly root: string } | { readonly ok: false; readonly reason: string } {
  if (!Number.isSafeInteger(size) || size < 1)
    return { ok: false, reason: `tree size ${size} is invalid` };
  if (leaves.length !== indices.length)
    return { ok: false, reason: `${leaves.length} leaf hashes for ${indices.length} leaf indices` };
  const problem = leafIndicesProblem(indices, size);
  if (problem) return { ok: false, reason: problem };
  const proof = Buffer.isBuffer(proofBytes)
    ? proofBytes
    : Buffer.from(proofBytes.buffer, proofBytes.byteOffset, proofBytes.length);
  if (proof.length % 32 !== 0)
    return { ok: false, reason: `the proof is ${proof.length} bytes, not a multiple of 32` };
  const count = indices.length;
  const input = Buffer.alloc(65);
  input[0] = 0x01;
  let next = 0;
  let used = 0; // bytes of the proof taken
  let short = false;
  // A range's value: a computed hash (a latin1 string) or a proof hash (its offset in
  // `proof`, copied from there without a view). Closure state and numbers only.
  const place = (value: string | number, at: number): void => {
    if (typeof value === 'string') input.write(value, at, 'latin1');
    else proof.copy(input, at, value, value + 32);
  };
  const walk = (start: number, end: number): string | number => {
    if (next === count || indices[next]! >= end) {
      if (used + 32 > proof.length) {
        short = true;
        return 0;
      }
      used += 32;
      return used - 32;
    }
    const length = end - start;
    if (length === 1) return leaves[next++]!;
    // The largest power of two below `length`: clz32 where the length fits in 32 bits.
    const k = length <= 0x80000000 ? 2 ** (31 - Math.clz32(length - 1)) : splitPoint(length);
    const left = walk(start, start + k);
    if (short) return 0;
    const right = walk(start + k, end);
    if (short) return 0;
    place(left, 1);
    place(right, 33);
    return oneShot
      ? oneShot('sha256', input, 'latin1')
      : createHash('sha256').update(input).digest('binary');
  };
  const root = walk(0, size);
  const hashes = proof.length / 32;
  if (short) return { ok: false, reason: `the proof has too few hashes (${hashes})` };
  if (used !== proof.length) {
    return {
      ok: false,
      reason: `the proof has ${hashes} hashes, ${hashes - used / 32} more than the tree needs`,
    };
  }
  return { ok: true, root: typeof root === 'string' ? root : proof.toString('latin1', 0, 32) };
}
