import { leafHash } from '../merkle/hashing';
import { MemoryTree } from '../merkle/memory-tree';
import { inclusionProof, treeRoot } from '../merkle/proofs';
import { verifyInclusion } from '../merkle/verify';
import { SharedInclusionVerifier } from './shared-inclusion';

const b64 = (h: Uint8Array) => Buffer.from(h).toString('base64');

describe('SharedInclusionVerifier', () => {
  it('answers as verifyInclusion does, proof by proof, for good and altered proofs', () => {
    for (const size of [1, 2, 7, 64, 100, 257]) {
      const tree = new MemoryTree();
      for (let i = 0; i < size; i++) tree.append(leafHash(Buffer.from(`leaf ${i}`)));
      const root = treeRoot(tree, size);
      const shared = new SharedInclusionVerifier(size, root);
      for (let i = 0; i < size; i++) {
        const path = inclusionProof(tree, i, size);
        const cases: [Uint8Array, number, Uint8Array[]][] = [
          [tree.node(0, i), i, path],
          [tree.node(0, (i + 1) % size), i, path],
          [tree.node(0, i), (i + 1) % size, path],
          [tree.node(0, i), i, path.map((p, k) => (k === path.length - 1 ? leafHash(p) : p))],
          [tree.node(0, i), i, path.slice(0, -1)],
        ];
        for (const [leaf, index, proof] of cases) {
          const expected = verifyInclusion(leaf, index, size, proof, root).ok;
          expect({
            size,
            i,
            index,
            ok: shared.verify(leaf, index, proof.map(b64)).ok,
          }).toEqual({
            size,
            i,
            index,
            ok: expected,
          });
        }
      }
    }
  });

  it('checks every element of a later proof, also those past the node where it meets an earlier one', () => {
    const tree = new MemoryTree();
    for (let i = 0; i < 64; i++) tree.append(leafHash(Buffer.from(`leaf ${i}`)));
    const shared = new SharedInclusionVerifier(64, treeRoot(tree, 64));
    expect(shared.verify(tree.node(0, 0), 0, inclusionProof(tree, 0, 64).map(b64)).ok).toBe(true);
    const path = inclusionProof(tree, 1, 64).map(b64);
    // Leaf 1 meets leaf 0's path after one step; its last element is still compared.
    const altered = [...path.slice(0, -1), b64(leafHash(Buffer.from('other')))];
    expect(shared.verify(tree.node(0, 1), 1, altered).ok).toBe(false);
    const notCanonical = [...path.slice(0, -1), path[path.length - 1]!.replace('=', '') + '=='];
    expect(() => shared.verify(tree.node(0, 1), 1, notCanonical)).toThrow('base64');
    expect(shared.verify(tree.node(0, 1), 1, path).ok).toBe(true);
  });
});
