import { emptyRoot, type Hash, nodeHash } from './hashing';

/**
 * The RFC 9162 root of a stream of leaves in O(log n) memory: the roots of the complete
 * subtrees along the right edge (largest first), merged as leaves arrive; the root folds
 * them from the right, which is how MTH splits an incomplete tree.
 */
export class StreamingRoot {
  private readonly stack: { hash: Hash; size: number }[] = [];
  private count = 0;

  get size(): number {
    return this.count;
  }

  append(leaf: Hash): void {
    let entry = { hash: leaf, size: 1 };
    while (this.stack.length > 0 && this.stack[this.stack.length - 1]!.size === entry.size) {
      const left = this.stack.pop()!;
      entry = { hash: nodeHash(left.hash, entry.hash), size: left.size * 2 };
    }
    this.stack.push(entry);
    this.count++;
  }

  root(): Hash {
    if (this.stack.length === 0) return emptyRoot();
    let hash = this.stack[this.stack.length - 1]!.hash;
    for (let i = this.stack.length - 2; i >= 0; i--) hash = nodeHash(this.stack[i]!.hash, hash);
    return hash;
  }
}
