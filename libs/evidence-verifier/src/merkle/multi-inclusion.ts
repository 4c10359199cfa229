import { type Hash, hashesEqual, splitPoint } from './hashing';
import { leafIndicesProblem, multiInclusionRootLatin1 } from './multi-inclusion-walk';
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

/** What {@link multiInclusionRoot} answers: the root the proof gives, or why it gives none. */
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
  const latin1 = leaves.map((leaf) =>
    Buffer.from(leaf.buffer, leaf.byteOffset, leaf.length).toString('latin1'),
  );
  const result = multiInclusionRootLatin1(latin1, indices, size, proof);
  return result.ok ? { ok: true, root: Buffer.from(result.root, 'latin1') } : result;
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
