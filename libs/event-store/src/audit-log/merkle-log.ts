import { randomUUID } from 'node:crypto';
import {
  consistencyProof,
  type Hash,
  inclusionProof,
  multiInclusionProof,
  type NodeSource,
  hashesEqual,
  RecordingNodeSource,
  StreamingRoot,
  treeRoot,
} from '@account-ops/evidence-verifier';
import type { RecordedEvent } from '../port/envelope';
import type { EventStore, ReadAllOptions } from '../port/event-store';
import {
  comparePositions,
  formatPosition,
  parsePosition,
  type Position,
  START,
} from '../port/position';
import type { RecordStore, RecordWrite, StoredRecord } from '../port/records';
import { leafOfEvent, leafOfSource, leafSourceOf } from './event-leaf';
import { type LeafSource, readsLeafSources } from './leaf-source';
import { type CachedTile, TileCache } from './tile-cache';
import {
  decodeTile,
  narrowTile,
  encodeTile,
  fullTileRoot,
  MissingTreeData,
  type Tile,
  TILE_WIDTH,
  type TileId,
  tileKey,
  TileNodeSource,
  tileOf,
} from './tiles';

/** Where the tree lives among the store's records. */
export const TILE_COLLECTION = 'merkle-tiles';
export const LOG_COLLECTION = 'merkle-log';
const STATE_KEY = 'state';

/**
 * A full tile's record key, or a partial one's with its width (`0/0000000000003.p/17`), as
 * tlog-tiles names them. Every key then always holds the same bytes (the tree is a pure
 * function of the events), so two writers catching up at once can only write the same
 * values: one that lags can make the stored size go back, never leave a key holding less
 * than a tree that uses it needs.
 */
export function tileRecordKey(id: TileId, width: number): string {
  return width === TILE_WIDTH ? tileKey(id) : `${tileKey(id)}.p/${width}`;
}

/** The entries a tile record's key says it holds: 256, or the width after `.p/`. */
function recordWidth(key: string): number {
  const partial = key.indexOf('.p/');
  return partial < 0 ? TILE_WIDTH : Number(key.slice(partial + 3));
}

/**
 * A tile written before tiles were binary: its entries as base64 text in the value (`h`),
 * no middle row. Still read, so a store written then needs no rebuild; the next write of a
 * right-edge tile replaces it in the binary format.
 */
function textTile(h: string | undefined, width: number): Tile | undefined {
  if (typeof h !== 'string') return undefined;
  const entries = Buffer.from(h, 'base64');
  return entries.length === width * 32 ? { entries } : undefined;
}

/** A tile as a tree of some size has it: level-0 tiles know the position before their first leaf. */
type StoredTile = Tile & { readonly after?: Position };

/** The state record: also the generation the tiles belong to (see TileCache). */
type StoredState = TreeState & { readonly generation: string };

/** What {@link MerkleLog.check} found. */
export interface TreeCheck {
  /** Leaves in the stored tree. */
  readonly size: number;
  /** Events read (at most `size`, unless the tree lags). */
  readonly events: number;
  /** The first leaf whose stored hash is not its event's: the event changed after it was logged. */
  readonly firstDifference?: { readonly index: number; readonly event: RecordedEvent };
  /** The store has fewer events than the tree has leaves: events were removed. */
  readonly truncated?: boolean;
  /** The stored upper tiles do not give the root the leaves give. */
  readonly rootMismatch?: boolean;
}

/** How far the tree has got: its size and the position of its last leaf. */
export interface TreeState {
  readonly size: number;
  readonly head: Position;
}

type Store = Pick<EventStore, 'readAll'> & RecordStore;

/**
 * The RFC 9162 Merkle tree over the store's global order, kept in tiles among the store's
 * records (so every SQL store and the split store keep it the same way). Leaf i is the
 * i-th event of `readAll`; the tree is a pure function of the events, extended by
 * {@link catchUp} in batches (each batch's tiles and the new size in one atomic write), so
 * a process killed at any point leaves a tree that is a correct prefix and the next
 * catch-up completes it. Several processes may catch up at once (see tileRecordKey);
 * `account-ops tree rebuild` (which deletes first) wants the API stopped.
 */
export class MerkleLog {
  private queue: Promise<unknown> = Promise.resolve();
  private snapshotSource: { tiles: Map<string, Tile>; nodes?: TileNodeSource } | undefined;

  constructor(
    private readonly store: Store,
    private readonly batchSize = 5000,
    /** Set on a {@link snapshot}: tiles, state and tile positions read once. */
    private readonly cache?: Map<string, Promise<unknown>>,
    /** Tiles read lately, shared with snapshots; none where every read must reach the store. */
    private readonly tiles: TileCache | null = new TileCache(),
  ) {}

  /**
   * A read-only view that reads each tile (and the state) once: for many proofs in a row
   * (an evidence bundle), which share most of their tiles. Do not append through it.
   */
  snapshot(): MerkleLog {
    return new MerkleLog(this.store, this.batchSize, new Map(), this.tiles);
  }

  private cached<T>(key: string, read: () => Promise<T>): Promise<T> {
    if (!this.cache) return read();
    let hit = this.cache.get(key) as Promise<T> | undefined;
    if (!hit) {
      hit = read();
      this.cache.set(key, hit);
    }
    return hit;
  }

  async state(): Promise<TreeState> {
    const { size, head } = await this.storedState();
    return { size, head };
  }

  private storedState(): Promise<StoredState> {
    return this.cached('state', () => this.readState());
  }

  private async readState(): Promise<StoredState> {
    const record = await this.store.getRecord(LOG_COLLECTION, STATE_KEY);
    // A tree built from nothing starts a generation (see TileCache).
    if (!record) return { size: 0, head: START, generation: randomUUID() };
    const value = record.value as { size: number; head: string; generation?: string };
    return {
      size: value.size,
      head: parsePosition(value.head) ?? START,
      // Trees written before generations existed: one generation until rebuilt.
      generation: value.generation ?? '',
    };
  }

  /**
   * Appends every event committed since the last catch-up; answers the new state. Reads
   * until the store has no more, and writes a batch when it holds `batchSize` leaves or the
   * reads are done: appends that commit meanwhile are read in small pieces, and each write
   * beside SQLite appends (the API's worker thread) is a lock they wait for.
   */
  catchUp(options: { maxEvents?: number } = {}): Promise<TreeState> {
    return this.exclusive(async () => {
      let state = await this.readState();
      let left = options.maxEvents ?? Infinity;
      let pending: LeafSource[] = [];
      for (;;) {
        const maxCount = Math.min(this.batchSize - pending.length, left);
        const sources = await this.readLeafSources({
          fromPosition: pending[pending.length - 1]?.globalPosition ?? state.head,
          maxCount,
        });
        pending = pending.length === 0 ? sources : pending.concat(sources);
        left -= sources.length;
        const done = sources.length === 0 || left <= 0;
        if (pending.length > 0 && (done || pending.length >= this.batchSize)) {
          state = await this.appendBatch(
            state,
            pending.map(leafOfSource),
            pending.map((e) => e.globalPosition),
          );
          pending = [];
        }
        if (done) return { size: state.size, head: state.head };
      }
    });
  }

  /** The root hash of the first `size` leaves. */
  async root(size: number): Promise<Hash> {
    return this.withNodes(size, (source) => treeRoot(source, size));
  }

  async inclusionProof(index: number, size: number): Promise<Hash[]> {
    return this.withNodes(size, (source) => inclusionProof(source, index, size));
  }

  /** The multi-leaf inclusion proof of the leaves at `indices` (strictly increasing): one for an evidence bundle. */
  async multiInclusionProof(indices: readonly number[], size: number): Promise<Hash[]> {
    return this.withNodes(size, (source) => multiInclusionProof(source, indices, size));
  }

  async consistencyProof(oldSize: number, newSize: number): Promise<Hash[]> {
    return this.withNodes(newSize, (source) => consistencyProof(source, oldSize, newSize));
  }

  /** The stored leaf hash at `index`. */
  async leafHash(index: number): Promise<Hash> {
    const state = await this.storedState();
    const tile = await this.readTile({ level: 0, index: Math.floor(index / TILE_WIDTH) }, state);
    const at = (index % TILE_WIDTH) * 32;
    if (!tile || tile.entries.length < at + 32) throw new MissingTreeData(`no leaf ${index}`);
    return tile.entries.subarray(at, at + 32);
  }

  /**
   * The leaf index of the event at `position`, if the tree holds it: a binary search over
   * the level-0 tiles (each knows the position before its first leaf), then one read of
   * at most 256 events' leaf fields. O(log n) record reads.
   */
  async leafIndexOf(position: Position): Promise<number | undefined> {
    const state = await this.storedState();
    const { size } = state;
    let lo = 0;
    let hi = Math.ceil(size / TILE_WIDTH) - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = Math.floor((lo + hi) / 2);
      const tile = await this.readTile({ level: 0, index: mid }, state);
      if (!tile?.after) throw new MissingTreeData(`level-0 tile ${mid} is missing`);
      if (comparePositions(tile.after, position) < 0) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    if (found < 0) return undefined;
    const tile = (await this.readTile({ level: 0, index: found }, state))!;
    // Positions are all it needs: the narrow read, not the events' data (an account's
    // evidence looks up one tile's events per event, most of the log when it is spread).
    const events = await this.cached(`events/${found}`, () =>
      this.readLeafSources({ fromPosition: tile.after!, maxCount: TILE_WIDTH }),
    );
    const offset = events.findIndex((e) => comparePositions(e.globalPosition, position) === 0);
    const index = found * TILE_WIDTH + offset;
    return offset < 0 || index >= size ? undefined : index;
  }

  /**
   * Compares the stored tree with the events, leaf by leaf in global order, and its root
   * with the root the events give: catches an event rewritten (and its chain re-sealed)
   * after it was logged, events removed, and damaged tiles.
   */
  async check(signal?: AbortSignal): Promise<TreeCheck> {
    // Every tile from the store, none from memory: damaged tiles must show.
    if (this.tiles) return new MerkleLog(this.store, this.batchSize, undefined, null).check(signal);
    const state = await this.storedState();
    const { size } = state;
    const root = new StreamingRoot();
    let after: Position = START;
    let tile: Buffer | undefined;
    while (root.size < size) {
      if (signal?.aborted) throw new Error('interrupted');
      const events = await this.store.readAll({
        fromPosition: after,
        maxCount: Math.min(this.batchSize, size - root.size),
      });
      if (events.length === 0) return { size, events: root.size, truncated: true };
      for (const event of events) {
        const index = root.size;
        if (index % TILE_WIDTH === 0) {
          tile = (await this.readTile({ level: 0, index: index / TILE_WIDTH }, state))?.entries;
        }
        const at = (index % TILE_WIDTH) * 32;
        const leaf = leafOfEvent(event);
        const stored = tile?.subarray(at, at + 32);
        if (!stored || stored.length < 32 || !hashesEqual(stored, leaf)) {
          return { size, events: index + 1, firstDifference: { index, event } };
        }
        root.append(leaf);
      }
      after = events[events.length - 1]!.globalPosition;
    }
    const rootMismatch = size > 0 && !hashesEqual(await this.root(size), root.root());
    return { size, events: root.size, ...(rootMismatch ? { rootMismatch } : {}) };
  }

  /** The next events' leaf fields: a narrow read where the store has one, else readAll. */
  private async readLeafSources(options: ReadAllOptions): Promise<LeafSource[]> {
    if (readsLeafSources(this.store)) return this.store.readLeafSources(options);
    return (await this.store.readAll(options)).map(leafSourceOf);
  }

  /** Removes the stored tree; the next catch-up rebuilds it from the events. */
  async clear(): Promise<void> {
    await this.exclusive(async () => {
      const deletes: RecordWrite[] = [{ op: 'delete', collection: LOG_COLLECTION, key: STATE_KEY }];
      let after: string | undefined;
      for (;;) {
        const page = await this.store.listRecords(TILE_COLLECTION, {
          limit: 1000,
          ...(after ? { keyAfter: after } : {}),
        });
        if (page.length === 0) break;
        deletes.push(
          ...page.map((r) => ({ op: 'delete' as const, collection: TILE_COLLECTION, key: r.key })),
        );
        after = page[page.length - 1]!.key;
      }
      await this.store.writeRecords(deletes);
      this.tiles?.clear();
    });
  }

  /** Extends the tiles level by level and writes them with the new state, atomically. */
  private async appendBatch(
    state: StoredState,
    leaves: Hash[],
    positions: Position[],
  ): Promise<StoredState> {
    const head = positions[positions.length - 1]!;
    const writes: RecordWrite[] = [];
    let fresh: Hash[] = leaves;
    let count = state.size; // nodes already at this level's height
    let afterPosition = state.head;
    for (let level = 0; fresh.length > 0; level++) {
      let tileIndex = Math.floor(count / TILE_WIDTH);
      const partial =
        count % TILE_WIDTH === 0
          ? undefined
          : await this.readTile({ level, index: tileIndex }, state);
      // The right edge as it stood: replaced by this batch's (kept only by size, see tileRecordKey).
      if (partial) {
        writes.push({
          op: 'delete',
          collection: TILE_COLLECTION,
          key: tileRecordKey({ level, index: tileIndex }, count % TILE_WIDTH),
        });
      }
      if (
        count % TILE_WIDTH !== 0 &&
        (!partial || partial.entries.length !== (count % TILE_WIDTH) * 32)
      ) {
        throw new MissingTreeData(
          `the right-edge tile ${tileKey({ level, index: tileIndex })} does not match the tree size`,
        );
      }
      let hashes: Buffer[] = partial ? [partial.entries] : [];
      // The partial tile's middle nodes stay valid as it grows (none in a text tile).
      let known = partial?.middle;
      let filled = count % TILE_WIDTH;
      let tileAfter = partial?.after ?? afterPosition;
      const parents: Hash[] = [];
      // Written in the binary format, whichever format the partial tile was read in.
      const flush = (): Tile => {
        const { bytes, tile } = encodeTile(Buffer.concat(hashes), known);
        writes.push({
          op: 'upsert',
          collection: TILE_COLLECTION,
          key: tileRecordKey({ level, index: tileIndex }, filled),
          value: level === 0 ? { after: formatPosition(tileAfter) } : {},
          bytes,
        });
        return tile;
      };
      for (let i = 0; i < fresh.length; i++) {
        hashes.push(Buffer.from(fresh[i]!));
        filled++;
        if (filled === TILE_WIDTH) {
          parents.push(fullTileRoot(flush()));
          tileIndex++;
          hashes = [];
          known = undefined;
          filled = 0;
          // The next level-0 tile starts after this tile's last leaf.
          if (level === 0) tileAfter = positions[i]!;
        }
      }
      if (filled > 0) flush();
      count = Math.floor(count / TILE_WIDTH);
      fresh = parents;
      afterPosition = START;
    }
    const next: StoredState = { ...state, size: state.size + leaves.length, head };
    writes.push({
      op: 'upsert',
      collection: LOG_COLLECTION,
      key: STATE_KEY,
      value: { size: next.size, head: formatPosition(head), generation: next.generation },
    });
    await this.store.writeRecords(writes);
    return next;
  }

  private async withNodes<T>(size: number, compute: (source: NodeSource) => T): Promise<T> {
    try {
      return await this.withNodesOnce(size, compute);
    } catch (error) {
      // A writer replaced a right-edge tile between reading the state and the tiles.
      if (!(error instanceof MissingTreeData)) throw error;
      return this.withNodesOnce(size, compute);
    }
  }

  private async withNodesOnce<T>(size: number, compute: (source: NodeSource) => T): Promise<T> {
    const state = await this.storedState();
    if (size > state.size) throw new RangeError(`the tree has ${state.size} leaves, not ${size}`);
    const recording = new RecordingNodeSource();
    compute(recording);
    const keys = new Map<string, TileId>();
    for (const { level, index } of recording.asked) {
      const { tile } = tileOf(level, index);
      keys.set(tileKey(tile), tile);
    }
    // A snapshot keeps one source: its tiles and the nodes hashed from them are shared by
    // every proof it builds.
    const source = (this.cache ? this.snapshotSource : undefined) ?? {
      tiles: new Map<string, Tile>(),
      nodes: undefined as TileNodeSource | undefined,
    };
    if (this.cache) this.snapshotSource = source;
    for (const [key, id] of keys) {
      if (source.tiles.has(key)) continue;
      const tile = await this.readTile(id, state);
      if (tile) source.tiles.set(key, tile);
    }
    source.nodes ??= new TileNodeSource(source.tiles);
    return compute(source.nodes);
  }

  /**
   * A tile as the tree of `size` leaves has it: the full tile, or the partial one of the
   * width that size gives (or the full one, if the tile has been completed since).
   */
  private readTile(id: TileId, state: StoredState): Promise<StoredTile | undefined> {
    return this.cached(`tile/${tileKey(id)}/${state.size}`, () => this.fetchTile(id, state));
  }

  private async fetchTile(id: TileId, state: StoredState): Promise<StoredTile | undefined> {
    const nodes = Math.floor(state.size / TILE_WIDTH ** id.level);
    const width = Math.min(TILE_WIDTH, nodes - id.index * TILE_WIDTH);
    if (width <= 0) return undefined;
    // Another writer may have moved this tile on (a wider partial, or full) meanwhile: its
    // first `width` hashes are the same bytes.
    const stored =
      (await this.recordTile(state.generation, tileRecordKey(id, width))) ??
      (await this.recordTile(state.generation, tileKey(id))) ??
      (await this.widestPartial(state.generation, id));
    if (!stored || stored.width < width) return undefined;
    return { ...narrowTile(stored, width), ...(stored.after ? { after: stored.after } : {}) };
  }

  /** One tile record, decoded at its own width, from the cache or the store. */
  private async recordTile(generation: string, key: string): Promise<CachedTile | undefined> {
    const hit = this.tiles?.get(generation, key);
    if (hit) return hit;
    const record = await this.store.getRecord(TILE_COLLECTION, key);
    return record && this.decodeRecord(generation, record);
  }

  private async widestPartial(generation: string, id: TileId): Promise<CachedTile | undefined> {
    const partials = await this.store.listRecords(TILE_COLLECTION, {
      keyPrefix: `${tileKey(id)}.p/`,
    });
    const widest = partials.sort((x, y) => recordWidth(y.key) - recordWidth(x.key))[0];
    return widest && this.decodeRecord(generation, widest);
  }

  private decodeRecord(generation: string, record: StoredRecord): CachedTile | undefined {
    const width = recordWidth(record.key);
    const value = record.value as { h?: string; after?: string };
    const after = value.after === undefined ? undefined : parsePosition(value.after);
    const tile = record.bytes ? decodeTile(record.bytes, width) : textTile(value.h, width);
    if (!tile) return undefined;
    const decoded: CachedTile = { ...tile, width, ...(after ? { after } : {}) };
    this.tiles?.set(generation, record.key, decoded);
    return decoded;
  }

  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work, work);
    this.queue = run.catch(() => undefined);
    return run;
  }
}
