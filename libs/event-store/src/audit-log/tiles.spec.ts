import {
  consistencyProof,
  type Hash,
  inclusionProof,
  leafHash,
  treeRoot,
} from '@account-ops/evidence-verifier';
import {
  decodeTile,
  encodedTileLength,
  encodeTile,
  middleRow,
  fullTileRoot,
  narrowTile,
  type Tile,
  TILE_WIDTH,
  tileKey,
  TileNodeSource,
} from './tiles';
// The evidence verifier's test support (not published): one runner of the Python reference.
import {
  askReference as reference,
  hex,
  referenceLeafData,
  seeded,
  type ReferenceAnswer as Answer,
  type ReferenceQuery as Query,
} from '../../../evidence-verifier/src/merkle/testing/rfc9162-reference';

/**
 * The stored tile format (entries and middle row) answers the proofs of the independent
 * RFC 9162 reference in Python (the one libs/evidence-verifier is cross-checked with), at
 * every size from 1 to 300 and at random sizes up to 10^6, and so do tiles without the
 * middle row (the earlier text format).
 */

/** The reference's first `count` leaf hashes, concatenated. */
function referenceLeaves(count: number): Buffer {
  const all = Buffer.alloc(count * 32);
  for (let i = 0; i < count; i++) all.set(leafHash(referenceLeafData(i)), i * 32);
  return all;
}

/**
 * Every tile of the tree of `size` leaves, level by level as MerkleLog stores them, read
 * back through their stored bytes (or as entries only, like the earlier text tiles).
 */
function tilesOf(leaves: Buffer, size: number, withMiddle: boolean): Map<string, Tile> {
  const tiles = new Map<string, Tile>();
  let row = leaves.subarray(0, size * 32);
  for (let level = 0; row.length > 0; level++) {
    const parents: Hash[] = [];
    const width = row.length / 32;
    for (let index = 0; index * TILE_WIDTH < width; index++) {
      const entries = row.subarray(index * TILE_WIDTH * 32, (index + 1) * TILE_WIDTH * 32);
      const n = entries.length / 32;
      const { bytes } = encodeTile(Buffer.from(entries));
      expect(bytes.length).toBe(encodedTileLength(n));
      const tile = withMiddle ? decodeTile(bytes, n)! : { entries: Buffer.from(entries) };
      tiles.set(tileKey({ level, index }), tile);
      if (n === TILE_WIDTH) parents.push(fullTileRoot(tile));
    }
    row = Buffer.concat(parents);
  }
  return tiles;
}

function crossCheck(leaves: Buffer, answer: Answer, withMiddle: boolean): void {
  const n = answer.size;
  const source = new TileNodeSource(tilesOf(leaves, n, withMiddle));
  expect({ n, root: Buffer.from(treeRoot(source, n)).toString('hex') }).toEqual({
    n,
    root: answer.root,
  });
  for (const [m, path] of Object.entries(answer.inclusion)) {
    const index = Number(m);
    expect({ n, index, path: hex(inclusionProof(source, index, n)) }).toEqual({ n, index, path });
  }
  for (const [m, proof] of Object.entries(answer.consistency)) {
    const old = Number(m);
    expect({ n, old, proof: hex(consistencyProof(source, old, n)) }).toEqual({ n, old, proof });
  }
}

describe('tiles with their middle row, against the independent RFC 9162 reference', () => {
  it('answer the reference at every size 1..320, with and without the middle row', () => {
    const random = seeded(4);
    const queries: Query[] = [];
    for (let size = 1; size <= 320; size++) {
      const picks = [0, size - 1, ...[1, 2, 3, 4].map(() => Math.floor(random() * size))];
      const all = Array.from({ length: size }, (_, i) => i);
      const inclusion = size <= 48 ? all : [...new Set(picks)];
      queries.push({ size, inclusion, consistency: inclusion.map((i) => i + 1) });
    }
    const leaves = referenceLeaves(320);
    for (const answer of reference(queries)) {
      crossCheck(leaves, answer, true);
      crossCheck(leaves, answer, false);
    }
  });

  it('answer the reference at random sizes up to 10^6 (three tile levels)', () => {
    const random = seeded(2027);
    const sizes = [
      1_000_000,
      65_536 * 3 + 17,
      1 + Math.floor(random() * 999_999),
      1 + Math.floor(random() * 999_999),
    ];
    const queries = sizes.map((size) => {
      const picks = [0, size - 1, ...[1, 2, 3, 4, 5, 6].map(() => Math.floor(random() * size))];
      return { size, inclusion: picks, consistency: picks.map((i) => i + 1) };
    });
    const leaves = referenceLeaves(Math.max(...sizes));
    for (const answer of reference(queries)) crossCheck(leaves, answer, true);
  }, 300_000);

  it('grows a tile a few entries at a time, reusing its middle nodes, to the tile encoded at once', () => {
    const leaves = referenceLeaves(256);
    for (const step of [1, 5, 16, 17, 100]) {
      let tile: Tile | undefined;
      for (let width = step; ; width = Math.min(256, width + step)) {
        tile = encodeTile(leaves.subarray(0, width * 32), tile?.middle).tile;
        expect(tile).toEqual(encodeTile(leaves.subarray(0, width * 32)).tile);
        if (width === 256) break;
      }
    }
    // A text tile has no middle row: every group is hashed.
    expect(encodeTile(leaves, undefined).tile.middle).toEqual(middleRow(leaves));
  });

  it('read a grown tile as the narrower one a smaller tree has', () => {
    const leaves = referenceLeaves(256);
    const { bytes } = encodeTile(leaves);
    const narrow = narrowTile(decodeTile(bytes, 256)!, 37);
    const stored = encodeTile(leaves.subarray(0, 37 * 32)).tile;
    expect(narrow.entries).toEqual(stored.entries);
    expect(narrow.middle).toEqual(stored.middle);
    // Bytes of another length are not a tile of that width.
    expect(decodeTile(bytes.subarray(1), 256)).toBeUndefined();
    expect(decodeTile(bytes, 255)).toBeUndefined();
  });
});
