import type { Tile } from './tiles';
import type { Position } from '../port/position';

/** A tile record as read and decoded: at its stored width, with `after` on level 0. */
export type CachedTile = Tile & { readonly width: number; readonly after?: Position };

/**
 * The most recently used tile records of one process, by generation and record key.
 * Within a generation a record key always holds the same bytes (see tileRecordKey), so a
 * cached tile never goes stale; a rebuild starts a new generation (the tree's state
 * records it), and the old entries simply stop being asked for. A proof then reads the
 * store only for the tiles it has not met lately: at 10^7 leaves the upper levels and the
 * right edge (about 150 tiles) stay cached and a proof reads one level-0 tile.
 */
export class TileCache {
  private readonly entries = new Map<string, CachedTile>();

  constructor(private readonly capacity = 512) {}

  get(generation: string, key: string): CachedTile | undefined {
    const id = `${generation}|${key}`;
    const hit = this.entries.get(id);
    if (hit) {
      // Map order is insertion order: re-inserting makes it the most recent.
      this.entries.delete(id);
      this.entries.set(id, hit);
    }
    return hit;
  }

  set(generation: string, key: string, tile: CachedTile): void {
    const id = `${generation}|${key}`;
    this.entries.delete(id);
    this.entries.set(id, tile);
    if (this.entries.size > this.capacity) {
      this.entries.delete(this.entries.keys().next().value!);
    }
  }

  clear(): void {
    this.entries.clear();
  }
}
