import {
  consistencyProof,
  eventLeafHash,
  inclusionProof,
  MemoryTree,
  treeRoot,
  verifyConsistency,
  verifyInclusion,
} from '@account-ops/evidence-verifier';
import { newEvent } from '../contract/sample-events';
import type { RecordedEvent } from '../port/envelope';
import type { TransactionalEventStore } from '../port/event-store';
import { LOG_COLLECTION, MerkleLog, TILE_COLLECTION } from './merkle-log';

async function fill(store: TransactionalEventStore, count: number, streams = 7): Promise<void> {
  for (let i = 0; i < count; i++) {
    const stream = `account-${i % streams}`;
    await store.appendToStream(stream, [newEvent('Numbered', { n: i })], {
      expectedVersion: 'any',
    });
  }
}

export function referenceTree(events: RecordedEvent[]): MemoryTree {
  const tree = new MemoryTree();
  for (const e of events) {
    tree.append(
      eventLeafHash({
        position: e.globalPosition,
        streamId: e.streamId,
        version: e.version,
        hash: e.metadata.hash,
      }),
    );
  }
  return tree;
}

/** Rewrites every tile as trees were stored before binary tiles: entries as base64 in `h`. */
export async function rewriteTilesAsText(store: TransactionalEventStore): Promise<void> {
  const binary = await store.listRecords(TILE_COLLECTION);
  await store.writeRecords(
    binary.map((t) => {
      const width = t.key.includes('.p/') ? Number(t.key.split('.p/')[1]) : 256;
      return {
        op: 'upsert' as const,
        collection: TILE_COLLECTION,
        key: t.key,
        value: {
          ...(t.value as object),
          h: Buffer.from(t.bytes!.subarray(0, width * 32)).toString('base64'),
        },
      };
    }),
  );
}

/**
 * A store written before record bytes existed (text tiles, no `bytes` column), opened by
 * this version: it migrates, and its tree verifies, answers the reference tree's root and
 * grows. `downgrade` turns the store's schema back (drops the column and its migration)
 * and reopens it.
 */
export async function upgradedStoreCase(
  store: TransactionalEventStore,
  downgradeAndReopen: () => Promise<TransactionalEventStore>,
): Promise<TransactionalEventStore> {
  await fill(store, 600);
  await new MerkleLog(store).catchUp();
  await rewriteTilesAsText(store);
  const reopened = await downgradeAndReopen();
  await fill(reopened, 300);
  const log = new MerkleLog(reopened);
  expect(await log.check()).toEqual({ size: 600, events: 600 });
  expect((await log.catchUp()).size).toBe(900);
  expect(await log.check()).toEqual({ size: 900, events: 900 });
  const tree = referenceTree(await reopened.readAll());
  expect(Buffer.from(await log.root(900))).toEqual(Buffer.from(treeRoot(tree, 900)));
  expect(Buffer.from(await log.root(600))).toEqual(Buffer.from(treeRoot(tree, 600)));
  return reopened;
}

/** The tree's behaviour on one store; run against memory, SQLite and PostgreSQL. */
export function merkleLogCases(
  name: string,
  open: () => Promise<TransactionalEventStore>,
  dispose: (store: TransactionalEventStore) => Promise<void> = (store) => store.close(),
): void {
  describe(`MerkleLog on the ${name} store`, () => {
    let store: TransactionalEventStore;
    beforeEach(async () => (store = await open()));
    afterEach(() => dispose(store));

    it('builds, in uneven batches, the tree an in-memory RFC 9162 tree builds from the same events', async () => {
      await fill(store, 700);
      const log = new MerkleLog(store, 97);
      await log.catchUp({ maxEvents: 300 });
      expect((await log.state()).size).toBe(300);
      await fill(store, 100);
      const state = await log.catchUp();
      const events = await store.readAll();
      expect(state.size).toBe(800);
      const tree = referenceTree(events);
      for (const size of [1, 255, 256, 257, 300, 511, 512, 513, 799, 800]) {
        expect(Buffer.from(await log.root(size))).toEqual(Buffer.from(treeRoot(tree, size)));
      }
      const root = await log.root(800);
      for (const index of [0, 255, 256, 600, 799]) {
        const path = await log.inclusionProof(index, 800);
        expect(verifyInclusion(tree.node(0, index), index, 800, path, root)).toEqual({ ok: true });
        expect(await log.leafIndexOf(events[index]!.globalPosition)).toBe(index);
      }
      const proof = await log.consistencyProof(300, 800);
      expect(verifyConsistency(300, 800, await log.root(300), root, proof)).toEqual({ ok: true });
    });

    it('keeps about 34 bytes per leaf: 256 entries and 16 middle nodes per full tile, one entry per tile above', async () => {
      await fill(store, 600);
      const log = new MerkleLog(store);
      await log.catchUp();
      const tiles = await store.listRecords(TILE_COLLECTION);
      expect(tiles.map((t) => t.key)).toEqual([
        '0/0000000000000',
        '0/0000000000001',
        '0/0000000000002.p/88',
        '1/0000000000000.p/2',
      ]);
      expect(tiles.map((t) => t.bytes?.length)).toEqual([
        (256 + 16) * 32,
        (256 + 16) * 32,
        (88 + 5) * 32,
        2 * 32,
      ]);
      // The values hold only where a level-0 tile starts (for finding an event's leaf).
      expect(tiles.map((t) => Object.keys(t.value as object))).toEqual([
        ['after'],
        ['after'],
        ['after'],
        [],
      ]);
    });

    it('gives the proofs of an in-memory RFC 9162 tree at every size from 1 to 600', async () => {
      await fill(store, 600);
      const log = new MerkleLog(store, 61);
      await log.catchUp();
      const tree = referenceTree(await store.readAll());
      const hex = (hashes: Uint8Array[]) => hashes.map((h) => Buffer.from(h).toString('hex'));
      for (let size = 1; size <= 600; size++) {
        const picks = new Set([0, size - 1, Math.floor(size * 0.7), Math.floor(size / 3)]);
        for (const index of picks) {
          expect({ size, index, path: hex(await log.inclusionProof(index, size)) }).toEqual({
            size,
            index,
            path: hex(inclusionProof(tree, index, size)),
          });
          expect({
            size,
            old: index + 1,
            proof: hex(await log.consistencyProof(index + 1, size)),
          }).toEqual({
            size,
            old: index + 1,
            proof: hex(consistencyProof(tree, index + 1, size)),
          });
        }
      }
    }, 120_000);

    it('reads a tree stored as base64 text (before the binary tiles) and extends it in binary', async () => {
      await fill(store, 900);
      const log = new MerkleLog(store, 97);
      await log.catchUp({ maxEvents: 600 });
      await rewriteTilesAsText(store);
      expect((await store.listRecords(TILE_COLLECTION)).every((t) => !t.bytes)).toBe(true);
      const tree = referenceTree(await store.readAll());
      const text = new MerkleLog(store);
      expect(Buffer.from(await text.root(600))).toEqual(Buffer.from(treeRoot(tree, 600)));
      expect(await text.inclusionProof(513, 600)).toEqual(inclusionProof(tree, 513, 600));
      expect(await text.consistencyProof(257, 600)).toEqual(consistencyProof(tree, 257, 600));
      expect(await text.leafIndexOf((await store.readAll())[520]!.globalPosition)).toBe(520);
      // The next catch-up rewrites the right edge in binary; full text tiles stay as they are.
      await text.catchUp();
      const mixed = await store.listRecords(TILE_COLLECTION);
      expect(mixed.map((t) => [t.key, t.bytes ? 'binary' : 'text'])).toEqual([
        ['0/0000000000000', 'text'],
        ['0/0000000000001', 'text'],
        ['0/0000000000002', 'binary'],
        ['0/0000000000003.p/132', 'binary'],
        ['1/0000000000000.p/3', 'binary'],
      ]);
      expect(await text.check()).toEqual({ size: 900, events: 900 });
      const root = await text.root(900);
      expect(Buffer.from(root)).toEqual(Buffer.from(treeRoot(tree, 900)));
      expect(await text.inclusionProof(100, 900)).toEqual(inclusionProof(tree, 100, 900));
    });

    it('stays correct with two writers catching up at once, in different batch sizes', async () => {
      await fill(store, 900);
      const a = new MerkleLog(store, 100);
      const b = new MerkleLog(store, 37);
      await Promise.all([a.catchUp({ maxEvents: 500 }), b.catchUp({ maxEvents: 250 })]);
      await fill(store, 300);
      await Promise.all([b.catchUp(), a.catchUp(), b.catchUp()]);
      await a.catchUp();
      const tree = referenceTree(await store.readAll());
      expect(await a.check()).toEqual({ size: 1200, events: 1200 });
      expect(Buffer.from(await b.root(1200))).toEqual(Buffer.from(treeRoot(tree, 1200)));
      expect(Buffer.from(await b.root(333))).toEqual(Buffer.from(treeRoot(tree, 333)));
    });

    it('is rebuilt from the events after being cleared, to the same root', async () => {
      await fill(store, 300);
      const log = new MerkleLog(store);
      await log.catchUp();
      const before = await log.root(300);
      await log.clear();
      expect(await store.listRecords(TILE_COLLECTION)).toEqual([]);
      expect(await store.getRecord(LOG_COLLECTION, 'state')).toBeUndefined();
      await log.catchUp();
      expect(Buffer.from(await log.root(300))).toEqual(Buffer.from(before));
    });
  });
}
