import { type Hash, nodeHash, type NodeSource } from '@account-ops/evidence-verifier';

/**
 * The tile layout of C2SP tlog-tiles: a tile of level L holds up to 256 consecutive hashes
 * of tree nodes at height 8·L (its entries). Level-0 tiles hold the leaf hashes; a level-1
 * entry is the root of one full level-0 tile, and so on. Complete tiles never change; only
 * the right edge (one partial tile per level) is rewritten as leaves arrive, so an append
 * costs O(log n) and storage stays ~32 bytes of hash per leaf (plus 1/255 for upper levels).
 *
 * Unlike tlog-tiles, a stored tile also keeps its middle row: the nodes at height 4 inside
 * it (8·L + 4 in the tree), one per complete group of 16 entries. A proof needs, inside
 * each tile it crosses, one sibling at each of the tile's eight heights; from the entries
 * alone those cost 1 + 3 + … + 127 = 247 hashes, from the entries and the middle row
 * 2 × (1 + 3 + 7) = 22, for 2 more bytes per leaf.
 */
export const TILE_WIDTH = 256;
export const TILE_HEIGHT = 8;
/** Height of the middle row inside a tile. */
export const MIDDLE_HEIGHT = 4;
/** Entries under one middle-row node. */
const MIDDLE_SPAN = 2 ** MIDDLE_HEIGHT;
const HASH = 32;

export interface TileId {
  readonly level: number;
  readonly index: number;
}

export const tileKey = (t: TileId): string => `${t.level}/${String(t.index).padStart(13, '0')}`;

/** One tile as read: its entries and, where stored, its middle row. */
export interface Tile {
  /** The entries' hashes, concatenated (32 bytes each). */
  readonly entries: Buffer;
  /**
   * The height-4 nodes of the complete groups of 16 entries, concatenated. Absent in
   * tiles written before the middle row existed (base64 text records): nodes are then
   * hashed up from the entries.
   */
  readonly middle?: Buffer;
}

/** The root of `count` consecutive hashes of `row` from `first` (count a power of two). */
function hashUp(row: Buffer, first: number, count: number): Hash {
  let level: Hash[] = [];
  for (let i = first; i < first + count; i++) level.push(row.subarray(i * HASH, i * HASH + HASH));
  while (level.length > 1) {
    const next: Hash[] = [];
    for (let i = 0; i < level.length; i += 2) next.push(nodeHash(level[i]!, level[i + 1]!));
    level = next;
  }
  return level[0]!;
}

/**
 * The middle row of a tile's entries: one height-4 node per complete group of 16.
 * `known`: the middle row of a prefix of these entries (the tile before it grew); its nodes
 * are kept, since a complete group never changes, and only newly completed groups hashed.
 */
export function middleRow(entries: Buffer, known?: Buffer): Buffer {
  const groups = Math.floor(entries.length / HASH / MIDDLE_SPAN);
  const kept = Math.min(groups, known ? Math.floor(known.length / HASH) : 0);
  if (known && kept === groups) return known.subarray(0, kept * HASH);
  const nodes: Uint8Array[] = kept > 0 ? [known!.subarray(0, kept * HASH)] : [];
  for (let g = kept; g < groups; g++) nodes.push(hashUp(entries, g * MIDDLE_SPAN, MIDDLE_SPAN));
  return Buffer.concat(nodes);
}

/** The root of a full tile, from its middle row (15 hashes). */
export function fullTileRoot(tile: Tile): Hash {
  if (tile.entries.length !== TILE_WIDTH * HASH) throw new Error('the tile is not full');
  return tile.middle
    ? hashUp(tile.middle, 0, TILE_WIDTH / MIDDLE_SPAN)
    : hashUp(tile.entries, 0, TILE_WIDTH);
}

/**
 * The stored bytes of a tile of `width` entries (docs/auditing.md, "Stored tree"): the
 * entries, then the middle row; 32 · (width + ⌊width / 16⌋) bytes.
 */
export function encodeTile(entries: Buffer, known?: Buffer): { bytes: Buffer; tile: Tile } {
  const middle = middleRow(entries, known);
  return { bytes: Buffer.concat([entries, middle]), tile: { entries, middle } };
}

/** The stored length of a tile of `width` entries. */
export const encodedTileLength = (width: number): number =>
  HASH * (width + Math.floor(width / MIDDLE_SPAN));

/** A stored tile's bytes as a tile of `storedWidth` entries, or undefined if they are not one. */
export function decodeTile(bytes: Uint8Array, storedWidth: number): Tile | undefined {
  if (bytes.length !== encodedTileLength(storedWidth)) return undefined;
  const all = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const middleAt = storedWidth * HASH;
  return { entries: all.subarray(0, middleAt), middle: all.subarray(middleAt) };
}

/**
 * The tile a smaller tree has: its first `width` entries and the middle nodes over them.
 * A tile that has grown since (a wider partial, or full) is read this way: its first
 * entries never change.
 */
export function narrowTile(tile: Tile, width: number): Tile {
  const entries = tile.entries.subarray(0, width * HASH);
  if (!tile.middle) return { entries };
  return { entries, middle: tile.middle.subarray(0, Math.floor(width / MIDDLE_SPAN) * HASH) };
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
 * 2^r height-8L descendants, all in one tile, hashed up r levels; from r = 4 up, its
 * 2^(r−4) descendants in the middle row instead.
 */
export class TileNodeSource implements NodeSource {
  private readonly memo = new Map<string, Hash>();

  constructor(private readonly tiles: ReadonlyMap<string, Tile>) {}

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
    const stored = this.tiles.get(tileKey(tile));
    if (!stored || stored.entries.length < (first + count) * HASH) {
      throw new MissingTreeData(
        `tile ${tileKey(tile)} lacks the hashes of node ${height}/${index}`,
      );
    }
    const { middle } = stored;
    const from = first / MIDDLE_SPAN;
    const nodes = count / MIDDLE_SPAN;
    if (count >= MIDDLE_SPAN && middle && middle.length >= (from + nodes) * HASH) {
      return hashUp(middle, from, nodes);
    }
    return hashUp(stored.entries, first, count);
  }
}

/** The stored tree lacks hashes it should have: rebuild it (`account-ops tree rebuild`). */
export class MissingTreeData extends Error {
  override readonly name = 'MissingTreeData';
}
