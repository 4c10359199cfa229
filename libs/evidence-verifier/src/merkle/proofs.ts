import { emptyRoot, type Hash, nodeHash, splitPoint } from './hashing';
import type { NodeSource } from './node-source';

/**
 * MTH(D[start:end]) of RFC 9162 §2.1.1 for a range whose `start` is a multiple of the
 * largest power of two ≤ its size (every range the algorithms below visit is): a
 * complete subtree is one node, any other range splits where the RFC splits it.
 */
export function rangeHash(source: NodeSource, start: number, end: number): Hash {
  const size = end - start;
  if (size <= 0) return emptyRoot();
  if (isPowerOfTwo(size) && start % size === 0) return source.node(log2(size), start / size);
  const k = splitPoint(size);
  return nodeHash(rangeHash(source, start, start + k), rangeHash(source, start + k, end));
}

/** RFC 9162 §2.1.1: the root of the first `size` leaves. */
export function treeRoot(source: NodeSource, size: number): Hash {
  assertSize(size, 'tree size');
  return rangeHash(source, 0, size);
}

/** RFC 9162 §2.1.3.1: PATH(index, D[size]), the audit path of one leaf, leaf side first. */
export function inclusionProof(source: NodeSource, index: number, size: number): Hash[] {
  assertSize(size, 'tree size');
  if (!Number.isSafeInteger(index) || index < 0 || index >= size) {
    throw new RangeError(`leaf index ${index} is not in a tree of ${size} leaves`);
  }
  const path: Hash[] = [];
  // Walks down from the whole tree; the RFC's recursion appends the sibling after the
  // subpath, so siblings are collected top-down and reversed.
  let start = 0;
  let end = size;
  while (end - start > 1) {
    const k = splitPoint(end - start);
    if (index < start + k) {
      path.push(rangeHash(source, start + k, end));
      end = start + k;
    } else {
      path.push(rangeHash(source, start, start + k));
      start += k;
    }
  }
  return path.reverse();
}

/** RFC 9162 §2.1.4.1: PROOF(oldSize, D[newSize]); empty when the sizes are equal. */
export function consistencyProof(source: NodeSource, oldSize: number, newSize: number): Hash[] {
  assertSize(newSize, 'new tree size');
  if (!Number.isSafeInteger(oldSize) || oldSize < 1 || oldSize > newSize) {
    throw new RangeError(`no consistency proof from size ${oldSize} to size ${newSize}`);
  }
  const proof: Hash[] = [];
  // SUBPROOF(m, D[start:end], b), unrolled: each step appends one sibling after the rest.
  let m = oldSize;
  let start = 0;
  let end = newSize;
  let complete = true;
  while (m !== end - start) {
    const k = splitPoint(end - start);
    if (m <= k) {
      proof.push(rangeHash(source, start + k, end));
      end = start + k;
    } else {
      proof.push(rangeHash(source, start, start + k));
      m -= k;
      start += k;
      complete = false;
    }
  }
  if (!complete) proof.push(rangeHash(source, start, end));
  return proof.reverse();
}

/** Exact for every safe integer (bitwise operators stop at 2^31). */
function isPowerOfTwo(n: number): boolean {
  return n > 0 && 2 ** log2(n) === n;
}

function log2(n: number): number {
  return Math.round(Math.log2(n));
}

function assertSize(size: number, what: string): void {
  if (!Number.isSafeInteger(size) || size < 0) throw new RangeError(`${what} ${size} is invalid`);
}
