import { leafHash } from './hashing';
import { MemoryTree } from './memory-tree';
import { multiInclusionProof, multiInclusionRoot, verifyMultiInclusion } from './multi-inclusion';
import { treeRoot } from './proofs';
import {
  askReference,
  hex,
  referenceLeafData,
  seeded,
  type ReferenceAnswer,
  type ReferenceQuery,
} from './testing/rfc9162-reference';

/**
 * Multi-leaf inclusion proofs (evidence bundles v2) against an independent implementation
 * of their definition in Python (rfc9162-reference.py, from the full tree), and the
 * verifier's refusals.
 */

function buildTree(size: number): MemoryTree {
  const tree = new MemoryTree();
  for (let i = 0; i < size; i++) tree.append(leafHash(referenceLeafData(i)));
  return tree;
}

/** Leaf subsets of a tree of `size`: single leaf, all, a contiguous run, sparse, dense. */
function subsets(size: number, random: () => number): number[][] {
  const pick = (p: number) => {
    const set = Array.from({ length: size }, (_, i) => i).filter(() => random() < p);
    return set.length > 0 ? set : [Math.floor(random() * size)];
  };
  const from = Math.floor(random() * size);
  const to = from + 1 + Math.floor(random() * (size - from));
  return [
    [Math.floor(random() * size)],
    Array.from({ length: size }, (_, i) => i),
    Array.from({ length: to - from }, (_, i) => from + i),
    pick(0.05),
    pick(0.6),
  ];
}

/** Small random subsets of a large tree: 1 to 20 leaves, with its first and last leaf now and then. */
function smallSubsets(size: number, random: () => number): number[][] {
  return [1, 2, 5, 20].map((count, k) => {
    const set = new Set<number>(k === 3 ? [0, size - 1] : []);
    while (set.size < Math.min(count, size)) set.add(Math.floor(random() * size));
    return [...set].sort((a, b) => a - b);
  });
}

/** Ours equals the reference's, byte for byte, and verifies against the tree's root. */
function crossCheck(tree: MemoryTree, answer: ReferenceAnswer, sets: number[][]): void {
  const n = answer.size;
  const root = treeRoot(tree, n);
  sets.forEach((indices, k) => {
    const proof = multiInclusionProof(tree, indices, n);
    expect({ n, indices, proof: hex(proof) }).toEqual({ n, indices, proof: answer.multi[k] });
    const leaves = indices.map((i) => tree.node(0, i));
    expect(verifyMultiInclusion(leaves, indices, n, Buffer.concat(proof), root)).toEqual({
      ok: true,
    });
  });
}

describe('multi-leaf inclusion proofs against an independent Python implementation', () => {
  it('match for every tree size 1..300 with single, all, contiguous, sparse and dense leaf sets', () => {
    const random = seeded(2709);
    const queries: (ReferenceQuery & { multi: number[][] })[] = [];
    for (let size = 1; size <= 300; size++) {
      queries.push({ size, inclusion: [], consistency: [], multi: subsets(size, random) });
    }
    const answers = askReference(queries);
    const tree = buildTree(300);
    answers.forEach((answer, i) => crossCheck(tree, answer, queries[i]!.multi));
  });

  it('match at random sizes up to 10^6 with small leaf sets', () => {
    const random = seeded(91620);
    const sizes = [1_000_000, ...[1, 2, 3].map(() => 1 + Math.floor(random() * 999_999))];
    const queries = sizes.map((size) => ({
      size,
      inclusion: [],
      consistency: [],
      multi: smallSubsets(size, random),
    }));
    const answers = askReference(queries);
    const tree = buildTree(Math.max(...sizes));
    answers.forEach((answer, i) => crossCheck(tree, answer, queries[i]!.multi));
  }, 300_000);
});

describe('multiInclusionRoot refuses', () => {
  const size = 77;
  const tree = buildTree(size);
  const root = treeRoot(tree, size);
  const indices = [3, 4, 40, 76];
  const leaves = indices.map((i) => tree.node(0, i));
  const proof = Buffer.concat(multiInclusionProof(tree, indices, size));

  const reasonOf = (l: Uint8Array[], i: number[], p: Uint8Array, n = size): string | undefined => {
    const result = multiInclusionRoot(l, i, n, p);
    return result.ok ? undefined : result.reason;
  };

  it('too few hashes, too many, a length that is not whole hashes', () => {
    expect(reasonOf(leaves, indices, proof.subarray(0, proof.length - 32))).toMatch(
      /too few hashes/,
    );
    expect(reasonOf(leaves, indices, Buffer.concat([proof, proof.subarray(0, 32)]))).toMatch(
      /1 more than the tree needs/,
    );
    expect(reasonOf(leaves, indices, proof.subarray(0, proof.length - 1))).toMatch(
      /not a multiple of 32/,
    );
    expect(reasonOf(leaves, indices, new Uint8Array(0))).toMatch(/too few hashes \(0\)/);
  });

  it('leaf indices not strictly increasing or out of the tree, no leaves, a leaf count that differs', () => {
    expect(reasonOf(leaves, [3, 4, 4, 76], proof)).toMatch(/strictly increasing/);
    expect(reasonOf(leaves, [4, 3, 40, 76], proof)).toMatch(/strictly increasing/);
    expect(reasonOf(leaves, [3, 4, 40, 77], proof)).toMatch(/not below tree size 77/);
    expect(reasonOf(leaves, [-1, 4, 40, 76], proof)).toMatch(/not a leaf index/);
    expect(reasonOf([], [], proof)).toMatch(/no leaf/);
    expect(reasonOf(leaves.slice(1), indices, proof)).toMatch(/3 leaf hashes for 4/);
    expect(reasonOf(leaves, indices, proof, 0)).toMatch(/tree size 0 is invalid/);
  });

  it('any altered byte of the proof or of a leaf, and leaves at other indices', () => {
    for (let at = 0; at < proof.length; at += 7) {
      const altered = Buffer.from(proof);
      altered[at]! ^= 1;
      expect({ at, ok: verifyMultiInclusion(leaves, indices, size, altered, root).ok }).toEqual({
        at,
        ok: false,
      });
    }
    const otherLeaf = leaves.map((l, k) => (k === 2 ? leafHash(Buffer.from('other')) : l));
    expect(verifyMultiInclusion(otherLeaf, indices, size, proof, root)).toEqual({
      ok: false,
      reason: 'the multi-leaf inclusion proof does not lead to the root',
    });
    expect(verifyMultiInclusion(leaves, [3, 4, 41, 76], size, proof, root).ok).toBe(false);
  });
});
