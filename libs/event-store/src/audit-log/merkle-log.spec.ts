import {
  eventLeafHash,
  MemoryTree,
  treeRoot,
  verifyConsistency,
  verifyInclusion,
} from '@account-ops/evidence-verifier';
import { MemoryEventStore } from '../memory/memory-event-store';
import { SqliteEventStore } from '../sqlite/sqlite-event-store';
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

function referenceTree(events: RecordedEvent[]): MemoryTree {
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

describe.each([
  ['memory', () => new MemoryEventStore()],
  ['sqlite', () => new SqliteEventStore({ filename: ':memory:' })],
])('MerkleLog on the %s store', (_name, open) => {
  let store: TransactionalEventStore;
  beforeEach(() => (store = open()));
  afterEach(() => store.close());

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

  it('keeps about 32 bytes of hash per leaf: full tiles of 256 plus one entry per tile above', async () => {
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
    const bytes = tiles.reduce(
      (n, t) => n + Buffer.from((t.value as { h: string }).h, 'base64').length,
      0,
    );
    expect(bytes).toBe((600 + 2) * 32);
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
