import { type Hash, hashesEqual, nodeHash, splitPoint } from './hashing';
import type { NodeSource } from './node-source';
import { rangeHash } from './proofs';
import type { ProofResult } from './verify';

/**
 * Multi-leaf inclusion proofs (docs/auditing.md, "Evidence bundles", format v2): one proof
 * that a set of leaves sits at given indices of one tree, instead of one RFC 9162 path per
 * leaf, whose upper hashes repeat from leaf to leaf.
 *
 * Defined on RFC 9162's MTH recursion over D[0:size] (split at the largest power of two
 * below a range's length), walked left half first: a range holding none of the proven
 * leaves is one proof hash, MTH of that range, taken in the order the walk meets them
 * (left to right); a range of one proven leaf is that leaf's hash; any other range is
 * `nodeHash(left half, right half)`. The proof is therefore exactly the hashes of the
 * largest subtrees free of proven leaves, left to right.
 */

/** Why a set of leaf indices cannot be proven in a tree of `size` leaves, or undefined. */
function leafIndicesProblem(indices: readonly number[], size: number): string | undefined {
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

/** The multi-leaf inclusion proof of the leaves at `indices` (strictly increasing) in the tree of `size` leaves. */
export function multiInclusionProof(
  source: NodeSource,
  indices: readonly number[],
  size: number,
): Hash[] {
  if (!Number.isSafeInteger(size) || size < 1) throw new RangeError(`tree size ${size} is invalid`);
  const problem = leafIndicesProblem(indices, size);
  if (problem) throw new RangeError(problem);
  const proof: Hash[] = [];
  let next = 0; // the first proven leaf not yet reached: all before `start` are
  const walk = (start: number, end: number): void => {
    if (next === indices.length || indices[next]! >= end) {
      proof.push(rangeHash(source, start, end));
    } else if (end - start === 1) {
      next++;
    } else {
      const k = splitPoint(end - start);
      walk(start, start + k);
      walk(start + k, end);
    }
  };
  walk(0, size);
  return proof;
}

export type MultiInclusionRoot =
  { readonly ok: true; readonly root: Hash } | { readonly ok: false; readonly reason: string };

/**
 * The root that `proof` (the proof's hashes, concatenated: 32 bytes each) and the leaf
 * hashes `leaves` at `indices` give for a tree of `size` leaves, or why they give none:
 * indices not strictly increasing or out of range, too few hashes, hashes left over.
 * Compare the root with the trusted one (or use {@link verifyMultiInclusion}).
 */
export function multiInclusionRoot(
  leaves: readonly Hash[],
  indices: readonly number[],
  size: number,
  proof: Uint8Array,
): MultiInclusionRoot {
  if (!Number.isSafeInteger(size) || size < 1)
    return { ok: false, reason: `tree size ${size} is invalid` };
  if (leaves.length !== indices.length)
    return { ok: false, reason: `${leaves.length} leaf hashes for ${indices.length} leaf indices` };
  const problem = leafIndicesProblem(indices, size);
  if (problem) return { ok: false, reason: problem };
  if (proof.length % 32 !== 0)
    return { ok: false, reason: `the proof is ${proof.length} bytes, not a multiple of 32` };
  const count = indices.length;
  let next = 0;
  let used = 0; // bytes of the proof taken
  let short = false;
  // Closure state and numbers only: one call per range, no object per step beyond the
  // hashes themselves (proof hashes are views into `proof`).
  const walk = (start: number, end: number): Hash => {
    if (next === count || indices[next]! >= end) {
      if (used + 32 > proof.length) {
        short = true;
        return proof;
      }
      used += 32;
      return proof.subarray(used - 32, used);
    }
    const length = end - start;
    if (length === 1) return leaves[next++]!;
    // The largest power of two below `length`: clz32 where the length fits in 32 bits.
    const k = length <= 0x80000000 ? 2 ** (31 - Math.clz32(length - 1)) : splitPoint(length);
    const left = walk(start, start + k);
    if (short) return proof;
    const right = walk(start + k, end);
    if (short) return proof;
    return nodeHash(left, right);
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
  return { ok: true, root };
}

/** Do `leaves` at `indices` with `proof` give `root`, the trusted root of the tree of `size` leaves? */
export function verifyMultiInclusion(
  leaves: readonly Hash[],
  indices: readonly number[],
  size: number,
  proof: Uint8Array,
  root: Hash,
): ProofResult {
  const computed = multiInclusionRoot(leaves, indices, size, proof);
  if (!computed.ok) return computed;
  return hashesEqual(computed.root, root)
    ? { ok: true }
    : { ok: false, reason: 'the multi-leaf inclusion proof does not lead to the root' };
}
