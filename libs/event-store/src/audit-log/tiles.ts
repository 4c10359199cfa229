import { type Hash, nodeHash, type NodeSource } from '@account-ops/evidence-verifier';

/**
 * The tile layout of C2SP tlog-tiles: a tile of level L holds up to 256 consecutive hashes
 * of tree nodes at height 8·L. Level-0 tiles hold the leaf hashes; a level-1 entry is the
 * root of one full level-0 tile, and so on. Complete tiles never change; only the right
 * edge (one partial tile per level) is rewritten as leaves arrive, so an append costs
 * O(log n) and storage stays ~32 bytes of hash per leaf (plus 1/255 for upper levels).
 */
export const TILE_WIDTH = 256;
export const TILE_HEIGHT = 8;

export interface TileId {
  readonly level: number;
  readonly index: number;
}

export const tileKey = (t: TileId): string => `${t.level}/${String(t.index).padStart(13, '0')}`;

/** Hashes of one tile, concatenated (32 bytes each). */
export type TileHashes = Buffer;

/** The root of a full tile: its 256 entries hashed up eight levels. */
export function fullTileRoot(hashes: TileHashes): Hash {
  let row: Hash[] = [];
  for (let i = 0; i < TILE_WIDTH; i++) row.push(hashes.subarray(i * 32, i * 32 + 32));
  while (row.length > 1) {
    const next: Hash[] = [];
    for (let i = 0; i < row.length; i += 2) next.push(nodeHash(row[i]!, row[i + 1]!));
    row = next;
  }
  return row[0]!;
}

/** The tile that holds the height-8L ancestors of node (height, index), and where. */
export function tileOf(
  height: number,
  index: number,
): { tile: TileId; first: number; count: number } {
  const level = Math.floor(height / TILE_HEIGHT);
  const below = height % TILE_HEIGHT;
  const span = 2 ** below;
  const first = index * span; // first height-8L node under it
  return {
    tile: { level, index: Math.floor(first / TILE_WIDTH) },
    first: first % TILE_WIDTH,
    count: span,
  };
}

/**
 * Answers complete-subtree hashes from fetched tiles: a node of height h = 8L + r is its
 * 2^r height-8L descendants, all in one tile, hashed up r levels.
 */
export class TileNodeSource implements NodeSource {
  private readonly memo = new Map<string, Hash>();

  constructor(private readonly tiles: ReadonlyMap<string, TileHashes>) {}

  node(height: number, index: number): Hash {
    if (height % TILE_HEIGHT === 0) return this.compute(height, index);
    const key = `${height}/${index}`;
    let hash = this.memo.get(key);
    if (!hash) {
      hash = this.compute(height, index);
      this.memo.set(key, hash);
    }
    return hash;
  }

  private compute(height: number, index: number): Hash {
    const { tile, first, count } = tileOf(height, index);
    const hashes = this.tiles.get(tileKey(tile));
    if (!hashes || hashes.length < (first + count) * 32) {
      throw new MissingTreeData(
        `tile ${tileKey(tile)} lacks the hashes of node ${height}/${index}`,
      );
    }
    let row: Hash[] = [];
    for (let i = first; i < first + count; i++) row.push(hashes.subarray(i * 32, i * 32 + 32));
    while (row.length > 1) {
      const next: Hash[] = [];
      for (let i = 0; i < row.length; i += 2) next.push(nodeHash(row[i]!, row[i + 1]!));
      row = next;
    }
    return row[0]!;
  }
}

/** The stored tree lacks hashes it should have: rebuild it (`account-ops tree rebuild`). */
export class MissingTreeData extends Error {
  override readonly name = 'MissingTreeData';
}
