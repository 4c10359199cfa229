import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { treeRoot } from '@account-ops/evidence-verifier';
import { Pool } from 'pg';
import {
  dropSchema,
  freshSchemaName,
  testPgUrl,
} from '../../../testing/src/postgres/test-database';
import { numbered } from '../contract/sample-events';
import { MemoryEventStore } from '../memory/memory-event-store';
import type { TransactionalEventStore } from '../port/event-store';
import { PostgresEventStore } from '../postgres/postgres-event-store';
import { SqliteEventStore } from '../sqlite/sqlite-event-store';
import type { VerifySource } from '../verify/verify-source';
import { TreeCatchUpFailed, WorkerTreeCatchUp } from './catch-up-worker';
import { referenceTree } from './merkle-log.cases';
import { MerkleLog, TILE_COLLECTION, type TreeState } from './merkle-log';
import { InThreadTreeCatchUp, openTreeCatchUp, type TreeCatchUp } from './tree-catch-up';
import { workerSource } from '../support/worker-source';

// Hundreds of appends and a worker thread that compiles its TypeScript on start.
jest.setTimeout(60_000);

const url = testPgUrl();
const admin = new Pool({ connectionString: url, max: 2 });
const dir = mkdtempSync(join(tmpdir(), 'aos-tree-worker-'));
afterAll(async () => {
  await admin.end();
  rmSync(dir, { recursive: true, force: true });
});

interface Opened {
  readonly store: TransactionalEventStore;
  readonly source: VerifySource;
  dispose(): Promise<void>;
}

const backends: [string, () => Promise<Opened>][] = [
  [
    'sqlite file',
    async () => {
      const filename = join(dir, `${freshSchemaName('tree')}.db`);
      const store = new SqliteEventStore({ filename });
      return { store, source: { kind: 'sqlite', filename }, dispose: () => store.close() };
    },
  ],
  [
    'postgres',
    async () => {
      const schema = freshSchemaName('tree_worker');
      const store = await PostgresEventStore.connect({ connectionString: url, schema });
      return {
        store,
        source: { kind: 'postgres', connectionString: url, schema },
        async dispose() {
          await store.close();
          await dropSchema(admin, schema);
        },
      };
    },
  ],
];

/** `count` events over 7 streams, 10 to an append (the tree sees one global order). */
async function fill(store: TransactionalEventStore, count: number, from = 0): Promise<void> {
  for (let i = from; i < from + count; i += 10) {
    await store.appendToStream(`account-${(i / 10) % 7}`, numbered(10, 'Numbered', i), {
      expectedVersion: 'any',
    });
  }
}

/**
 * Catches up until the tree holds `size` leaves. On PostgreSQL an event enters the global
 * order only once every older transaction on the server has ended (other tests' too), so
 * one catch-up right after the appends may not see them all yet.
 */
async function catchUpTo(tree: TreeCatchUp, size: number): Promise<TreeState> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const state = await tree.catchUp();
    if (state.size >= size) return state;
    if (Date.now() > deadline) throw new Error(`the tree has ${state.size} leaves, not ${size}`);
  }
}

/** The root the events give, by the reference tree of the Merkle log's own cases. */
async function referenceRoot(store: TransactionalEventStore, size: number): Promise<Buffer> {
  return Buffer.from(treeRoot(referenceTree(await store.readAll()), size));
}

/** Every tile record as stored: key, value and bytes. */
async function tiles(store: TransactionalEventStore): Promise<unknown[]> {
  const records = await store.listRecords(TILE_COLLECTION);
  return records.map((r) => ({
    key: r.key,
    value: r.value,
    bytes: r.bytes && Buffer.from(r.bytes).toString('hex'),
  }));
}

describe.each(backends)('the tree catch-up in a worker thread [%s]', (_name, open) => {
  let opened: Opened;
  beforeEach(async () => {
    opened = await open();
  });
  afterEach(() => opened.dispose());

  it('is what openTreeCatchUp picks for the store', async () => {
    expect(workerSource(opened.store)).toEqual(opened.source);
    const chosen = openTreeCatchUp(opened.store, new MerkleLog(opened.store));
    expect(chosen).toBeInstanceOf(WorkerTreeCatchUp);
    await chosen.close();
  });

  it('writes, batch by batch, the tiles the in-thread catch-up writes', async () => {
    const { store } = opened;
    // Batches of 100: partial tiles at both levels are extended and replaced on the way.
    const worker = new WorkerTreeCatchUp(opened.source, { batchSize: 100 });
    try {
      await fill(store, 330);
      expect((await catchUpTo(worker, 330)).size).toBe(330);
      await fill(store, 270, 330);
      const state = await catchUpTo(worker, 600);
      expect(state.size).toBe(600);
      const events = await store.readAll();
      expect(state.head).toEqual(events[events.length - 1]!.globalPosition);
      // This thread reads the tree the worker wrote: the root the events give.
      const log = new MerkleLog(store);
      expect(Buffer.from(await log.root(600))).toEqual(await referenceRoot(store, 600));
      const written = await tiles(store);

      await log.clear();
      expect(await new InThreadTreeCatchUp(log).catchUp()).toEqual(state);
      expect(await tiles(store)).toEqual(written);
      expect(worker.started).toBe(1);
    } finally {
      await worker.close();
    }
  });

  it('rejects a catch-up that fails, and the next one succeeds once the cause is gone', async () => {
    const { store } = opened;
    const worker = new WorkerTreeCatchUp(opened.source);
    try {
      await fill(store, 300);
      await catchUpTo(worker, 300);
      // The right-edge tiles lost: the tree no longer matches its size.
      const partials = (await store.listRecords(TILE_COLLECTION)).filter((r) =>
        r.key.includes('.p/'),
      );
      await store.writeRecords(
        partials.map((r) => ({ op: 'delete', collection: TILE_COLLECTION, key: r.key })),
      );
      await fill(store, 10, 300);
      // Until the new events are visible (PostgreSQL, see catchUpTo), nothing is appended.
      let failed: unknown;
      while (!failed)
        failed = await worker.catchUp().then(
          (state) => (state.size > 300 ? state : undefined),
          (error: unknown) => error,
        );
      expect(failed).toBeInstanceOf(TreeCatchUpFailed);
      expect(failed).toMatchObject({
        errorName: 'MissingTreeData',
        message: expect.stringContaining('does not match the tree size'),
      });

      await new MerkleLog(store).clear();
      expect((await catchUpTo(worker, 310)).size).toBe(310);
      expect(Buffer.from(await new MerkleLog(store).root(310))).toEqual(
        await referenceRoot(store, 310),
      );
      // The same thread answered both: an error in a catch-up does not end it.
      expect(worker.started).toBe(1);
    } finally {
      await worker.close();
    }
  });

  it('answers a catch-up whose thread dies with an error, and the next one starts a new thread', async () => {
    const { store } = opened;
    const worker = new WorkerTreeCatchUp(opened.source, { batchSize: 100 });
    try {
      await fill(store, 2000);
      const inFlight = worker.catchUp();
      // The catch-up starts its thread a turn later (it queues behind any other).
      while (worker.started === 0) await new Promise((resolve) => setImmediate(resolve));
      // The thread ends as a crash would end it, whatever it was doing (the test reaches
      // into the class for its thread: there is no other way to kill one thread).
      const thread = (worker as unknown as { running: { worker: { terminate(): unknown } } })
        .running.worker;
      await thread.terminate();
      await expect(inFlight).rejects.toThrow(/the tree catch-up worker exited/);
      // Whatever part of the tree it wrote is a correct prefix: a new thread completes it.
      expect((await catchUpTo(worker, 2000)).size).toBe(2000);
      expect(worker.started).toBe(2);
      expect(Buffer.from(await new MerkleLog(store).root(2000))).toEqual(
        await referenceRoot(store, 2000),
      );
    } finally {
      await worker.close();
    }
  });

  it('refuses to catch up once closed', async () => {
    const worker = new WorkerTreeCatchUp(opened.source);
    await fill(opened.store, 10);
    await worker.catchUp();
    await worker.close();
    await expect(worker.catchUp()).rejects.toThrow('the tree catch-up is closed');
  });
});

describe('a tree catch-up worker that cannot open its store', () => {
  it('rejects each catch-up with the reason, starting a new thread each time', async () => {
    const worker = new WorkerTreeCatchUp({
      kind: 'postgres',
      // Nothing listens on port 1.
      connectionString: 'postgres://nobody@127.0.0.1:1/none',
    });
    try {
      await expect(worker.catchUp()).rejects.toBeInstanceOf(TreeCatchUpFailed);
      await expect(worker.catchUp()).rejects.toBeInstanceOf(TreeCatchUpFailed);
      expect(worker.started).toBe(2);
    } finally {
      await worker.close();
    }
  });
});

describe('stores a worker cannot open', () => {
  it('keep the catch-up on the caller thread', async () => {
    const memory = new MemoryEventStore();
    const sqliteInMemory = new SqliteEventStore({ filename: ':memory:' });
    for (const store of [memory, sqliteInMemory]) {
      expect(workerSource(store)).toBeUndefined();
      const log = new MerkleLog(store);
      const tree = openTreeCatchUp(store, log);
      expect(tree).toBeInstanceOf(InThreadTreeCatchUp);
      await store.appendToStream('s', numbered(3), { expectedVersion: 'no_stream' });
      expect((await tree.catchUp()).size).toBe(3);
      await tree.close();
      await store.close();
    }
  });
});
