import { MemoryTree } from './memory-tree';
import { leafHash } from './hashing';
import { consistencyProof, inclusionProof, treeRoot } from './proofs';
import { verifyConsistency, verifyInclusion } from './verify';
import {
  askReference as reference,
  hex,
  referenceLeafData,
  seeded,
  type ReferenceAnswer as Answer,
  type ReferenceQuery as Query,
} from './testing/rfc9162-reference';

/**
 * Roots and both proof kinds against an independent RFC 9162 implementation in Python
 * (rfc9162-reference.py, standard library only), and our verifiers against its proofs.
 */

function syntheticLeaf(i: number): Uint8Array {
  return leafHash(referenceLeafData(i));
}

function buildTree(size: number): MemoryTree {
  const tree = new MemoryTree();
  for (let i = 0; i < size; i++) tree.append(syntheticLeaf(i));
  return tree;
}

const bytes = (hashes: string[]): Uint8Array[] => hashes.map((h) => Buffer.from(h, 'hex'));

/** Compares one tree with the reference's answer and verifies the reference's proofs. */
function crossCheck(tree: MemoryTree, answer: Answer): void {
  const n = answer.size;
  const root = treeRoot(tree, n);
  expect(Buffer.from(root).toString('hex')).toBe(answer.root);
  for (const [m, path] of Object.entries(answer.inclusion)) {
    const index = Number(m);
    expect({ n, index, path: hex(inclusionProof(tree, index, n)) }).toEqual({ n, index, path });
    expect(verifyInclusion(tree.node(0, index), index, n, bytes(path), root)).toEqual({ ok: true });
  }
  for (const [m, proof] of Object.entries(answer.consistency)) {
    const old = Number(m);
    expect({ n, old, proof: hex(consistencyProof(tree, old, n)) }).toEqual({ n, old, proof });
    expect(verifyConsistency(old, n, treeRoot(tree, old), root, bytes(proof))).toEqual({
      ok: true,
    });
  }
}

describe('RFC 9162 Merkle tree against an independent Python implementation', () => {
  it('matches roots for every size 1..300, all proofs for every pair up to 64 and sampled pairs up to 300', () => {
    const random = seeded(27);
    const queries: Query[] = [];
    for (let size = 1; size <= 300; size++) {
      const all = Array.from({ length: size }, (_, i) => i);
      const sample = [
        0,
        size - 1,
        Math.floor(size / 2),
        ...[1, 2, 3].map(() => Math.floor(random() * size)),
      ];
      queries.push({
        size,
        inclusion: size <= 64 ? all : [...new Set(sample)],
        consistency: size <= 64 ? all.map((i) => i + 1) : [...new Set(sample.map((i) => i + 1))],
      });
    }
    const answers = reference(queries);
    const tree = buildTree(300);
    answers.forEach((answer) => crossCheck(tree, answer));
  });

  it('matches at random sizes up to 10^6', () => {
    const random = seeded(9162);
    const sizes = [
      1_000_000,
      1 + Math.floor(random() * 999_999),
      1 + Math.floor(random() * 999_999),
    ];
    const queries = sizes.map((size) => {
      const picks = [0, size - 1, ...[1, 2, 3, 4].map(() => Math.floor(random() * size))];
      return { size, inclusion: picks, consistency: picks.map((i) => i + 1) };
    });
    const answers = reference(queries);
    const tree = buildTree(Math.max(...sizes));
    answers.forEach((answer) => crossCheck(tree, answer));
  }, 300_000);

  it('gives the empty tree the hash of nothing', () => {
    expect(Buffer.from(treeRoot(new MemoryTree(), 0)).toString('hex')).toBe(
      'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    );
  });
});
