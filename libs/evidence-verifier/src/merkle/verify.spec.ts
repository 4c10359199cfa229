import { leafHash } from './hashing';
import { MemoryTree } from './memory-tree';
import { consistencyProof, inclusionProof, treeRoot } from './proofs';
import { verifyConsistency, verifyInclusion } from './verify';

const tree = new MemoryTree();
for (let i = 0; i < 37; i++) tree.append(leafHash(Buffer.from([i])));
const root = treeRoot(tree, 37);

describe('verifyInclusion refuses', () => {
  const path = inclusionProof(tree, 12, 37);
  it('another leaf, another index, a cut or padded path, an index past the tree', () => {
    expect(verifyInclusion(tree.node(0, 13), 12, 37, path, root).ok).toBe(false);
    expect(verifyInclusion(tree.node(0, 12), 13, 37, path, root).ok).toBe(false);
    expect(verifyInclusion(tree.node(0, 12), 12, 37, path.slice(1), root)).toEqual({
      ok: false,
      reason: 'the inclusion proof is shorter than the tree is deep',
    });
    expect(verifyInclusion(tree.node(0, 12), 12, 37, [...path, root], root).ok).toBe(false);
    expect(verifyInclusion(tree.node(0, 12), 37, 37, path, root).ok).toBe(false);
    expect(verifyInclusion(tree.node(0, 12), 12, 37, path, treeRoot(tree, 36)).ok).toBe(false);
  });
});

describe('verifyConsistency refuses', () => {
  const proof = consistencyProof(tree, 20, 37);
  const old = treeRoot(tree, 20);
  it('a changed old root, a changed new root, a cut proof, swapped sizes', () => {
    expect(verifyConsistency(20, 37, old, root, proof)).toEqual({ ok: true });
    expect(verifyConsistency(20, 37, treeRoot(tree, 19), root, proof).ok).toBe(false);
    expect(verifyConsistency(20, 37, old, treeRoot(tree, 36), proof).ok).toBe(false);
    expect(verifyConsistency(20, 37, old, root, proof.slice(1)).ok).toBe(false);
    expect(verifyConsistency(37, 20, root, old, proof).ok).toBe(false);
  });
  it('two roots for one size (a fork), and accepts equal ones', () => {
    expect(verifyConsistency(37, 37, root, root, [])).toEqual({ ok: true });
    expect(verifyConsistency(37, 37, root, old, [])).toEqual({
      ok: false,
      reason: 'two different roots for the same tree size 37 (a fork)',
    });
  });
});
