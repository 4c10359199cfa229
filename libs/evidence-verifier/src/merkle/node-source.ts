import type { Hash } from './hashing';

/**
 * The hashes of a tree's complete subtrees: `node(level, index)` is the root of leaves
 * `[index·2^level, (index+1)·2^level)`, asked only for subtrees the tree holds entirely.
 * Proof generation needs nothing else, so a store can keep its hashes however it likes
 * (tiles, a list of leaves, memory).
 */
export interface NodeSource {
  node(level: number, index: number): Hash;
}

/** A complete subtree, as a {@link NodeSource} is asked for it. */
export interface NodeRef {
  readonly level: number;
  readonly index: number;
}

/**
 * A source that answers zeros and remembers what it was asked: RFC 9162's algorithms
 * choose their nodes from the sizes alone, so a first run against it lists every node a
 * proof needs, which an asynchronous store can then fetch in one go.
 */
export class RecordingNodeSource implements NodeSource {
  readonly asked: NodeRef[] = [];
  node(level: number, index: number): Hash {
    this.asked.push({ level, index });
    return new Uint8Array(32);
  }
}
