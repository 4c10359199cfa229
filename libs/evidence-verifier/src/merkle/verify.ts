import { type Hash, hashesEqual, nodeHash } from './hashing';
import { inclusionStep, type InclusionPosition } from './inclusion-step';

/** Why a proof failed, for a message an auditor can act on. */
export type ProofResult = { readonly ok: true } | { readonly ok: false; readonly reason: string };

const OK: ProofResult = { ok: true };
const fail = (reason: string): ProofResult => ({ ok: false, reason });

/**
 * RFC 9162 §2.1.3.2: does `path` prove that the leaf whose hash is `leaf` sits at
 * `index` in the tree of `size` leaves whose root is `root`?
 */
export function verifyInclusion(
  leaf: Hash,
  index: number,
  size: number,
  path: readonly Hash[],
  root: Hash,
): ProofResult {
  if (!Number.isSafeInteger(index) || !Number.isSafeInteger(size) || index < 0) {
    return fail(`invalid leaf index ${index} or tree size ${size}`);
  }
  if (index >= size) return fail(`leaf index ${index} is not below tree size ${size}`);
  let at: InclusionPosition = { fn: index, sn: size - 1, r: leaf };
  for (const p of path) {
    if (at.sn === 0) return fail('the inclusion proof is longer than the tree is deep');
    at = inclusionStep(at, p);
  }
  if (at.sn !== 0) return fail('the inclusion proof is shorter than the tree is deep');
  if (!hashesEqual(at.r, root)) return fail('the inclusion proof does not lead to the root');
  return OK;
}

/**
 * RFC 9162 §2.1.4.2: does `proof` show that the tree of `oldSize` leaves with root
 * `oldRoot` is a prefix of the tree of `newSize` leaves with root `newRoot`? Equal sizes
 * need an empty proof and equal roots; an empty old tree is a prefix of every tree.
 */
export function verifyConsistency(
  oldSize: number,
  newSize: number,
  oldRoot: Hash,
  newRoot: Hash,
  proof: readonly Hash[],
): ProofResult {
  if (!Number.isSafeInteger(oldSize) || !Number.isSafeInteger(newSize) || oldSize < 0) {
    return fail(`invalid tree sizes ${oldSize} and ${newSize}`);
  }
  if (oldSize > newSize)
    return fail(`the old tree (${oldSize}) is larger than the new (${newSize})`);
  if (oldSize === newSize) {
    if (proof.length !== 0) return fail('a proof between equal sizes must be empty');
    return hashesEqual(oldRoot, newRoot)
      ? OK
      : fail(`two different roots for the same tree size ${oldSize} (a fork)`);
  }
  if (oldSize === 0)
    return proof.length === 0 ? OK : fail('a proof from the empty tree must be empty');
  if (proof.length === 0) return fail('the consistency proof is empty');
  const path = isPowerOfTwo(oldSize) ? [oldRoot, ...proof] : [...proof];
  let fn = oldSize - 1;
  let sn = newSize - 1;
  while (fn % 2 === 1) {
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  let fr = path[0]!;
  let sr = path[0]!;
  for (const c of path.slice(1)) {
    if (sn === 0) return fail('the consistency proof is longer than expected');
    if (fn % 2 === 1 || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      sr = nodeHash(sr, c);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  if (sn !== 0) return fail('the consistency proof is shorter than expected');
  if (!hashesEqual(fr, oldRoot)) return fail('the proof does not reproduce the old root');
  if (!hashesEqual(sr, newRoot)) return fail('the proof does not reproduce the new root');
  return OK;
}

function isPowerOfTwo(n: number): boolean {
  return n > 0 && 2 ** Math.round(Math.log2(n)) === n;
}
