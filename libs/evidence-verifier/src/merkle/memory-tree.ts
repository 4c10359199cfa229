import { type Hash, nodeHash } from './hashing';
import type { NodeSource } from './node-source';

/**
 * A whole tree in memory: every complete subtree's hash, level by level, extended one
 * leaf at a time in O(log n). For tests, the evidence exporter's small trees and the
 * offline tools; the stores keep theirs in tiles.
 */
export class MemoryTree implements NodeSource {
  private readonly levels: Hash[][] = [[]];

  get size(): number {
    return this.levels[0]!.length;
  }

  append(leaf: Hash): void {
    let level = 0;
    let hash = leaf;
    for (;;) {
      const row = (this.levels[level] ??= []);
      row.push(hash);
      if (row.length % 2 === 1) return;
      hash = nodeHash(row[row.length - 2]!, hash);
      level++;
    }
  }

  node(level: number, index: number): Hash {
    const hash = this.levels[level]?.[index];
    if (!hash) throw new RangeError(`no complete subtree at level ${level}, index ${index}`);
    return hash;
  }
}
