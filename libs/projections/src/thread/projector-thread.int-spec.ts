import { Pool } from 'pg';
import { createAccountOps, type AccountOps } from '@account-ops/engine';
import { PostgresEventStore, SqliteEventStore } from '@account-ops/event-store';
import {
  dropSchema,
  FakeClock,
  freshSchemaName,
  testPgUrl,
  usesPglite,
} from '@account-ops/testing';
import { DEFAULT_PROJECTIONS } from '../default-projections';
import { openReadModels, type ReadModels } from '../read-models';
import { dumpTables } from '../testing/dump-tables';
import { seedAccounts } from '../testing/seed-accounts';
import { ProjectorThread } from './projector-thread';

// The worker opens its own connections to the same database: PGlite lives in one process.
const describeOnServer = usesPglite() ? describe.skip : describe;

describeOnServer('the async projector in a worker thread (PostgreSQL)', () => {
  const clock = new FakeClock(new Date('2025-03-10T09:00:00.000Z'));
  const admin = new Pool({ connectionString: testPgUrl(), max: 1 });
  let schema: string;
  let store: PostgresEventStore;
  let ops: AccountOps;
  let models: ReadModels | undefined;

  beforeEach(async () => {
    schema = freshSchemaName('rm_thread');
    store = await PostgresEventStore.connect({ connectionString: testPgUrl(), schema });
    ops = createAccountOps({ store, cardFingerprintSecret: 'test-fingerprint-secret', clock });
  });

  afterEach(async () => {
    await models?.stop();
    models = undefined;
    await store.close();
    await dropSchema(admin, schema);
  });

  afterAll(() => admin.end());

  const open = (errors: unknown[] = []) =>
    openReadModels(store, {
      projections: DEFAULT_PROJECTIONS,
      mode: 'async',
      // Polls rarely: the test sees the kicks at work, not the poll.
      pollIntervalMs: 60_000,
      onError: (error) => errors.push(error),
      projectorThread: true,
    });

  /** Waits on the database (the worker's commits), not on time. */
  const caughtUp = async (m: ReadModels) => {
    while (!(await m.status()).every((s) => s.lagEvents === 0 && s.checkpoint === s.head)) {
      await new Promise((resolve) => setImmediate(resolve));
    }
  };

  it('keeps the read models as the in-thread projector would: rows equal a rebuild from zero', async () => {
    await seedAccounts(ops, 3);
    const errors: unknown[] = [];
    models = open(errors);
    // Starts once the worker has caught up with what was there.
    await models.start();
    expect((await models.status()).every((s) => s.lagEvents === 0)).toBe(true);
    ops.onCommitted(() => models?.notifyCommitted());
    await seedAccounts(ops, 4, 3);
    await caughtUp(models);
    const live = await Promise.all(DEFAULT_PROJECTIONS.map((p) => dumpTables(models!.reader, p)));
    for (const p of DEFAULT_PROJECTIONS) await models.rebuild(p.name);
    const rebuilt = await Promise.all(
      DEFAULT_PROJECTIONS.map((p) => dumpTables(models!.reader, p)),
    );
    expect(live).toEqual(rebuilt);
    // Seven accounts' balances: the last four written by the worker alone.
    expect(Object.values(live[0]!)[0]).toHaveLength(7);
    expect(errors).toEqual([]);
  });

  it('stops its worker: later commits stay unprojected until a projector runs again', async () => {
    models = open();
    await models.start();
    ops.onCommitted(() => models?.notifyCommitted());
    await models.stop();
    await seedAccounts(ops, 1);
    // Read by read models of this thread that run no projector.
    models = openReadModels(store, { projections: DEFAULT_PROJECTIONS, mode: 'async' });
    expect((await models.status()).every((s) => s.lagEvents > 0)).toBe(true);
  });

  it('reports a worker that dies and starts another, which goes on from the checkpoints', async () => {
    const errors: unknown[] = [];
    const thread = new ProjectorThread(
      {
        source: { kind: 'postgres', connectionString: testPgUrl(), schema },
        projections: DEFAULT_PROJECTIONS.map((p) => p.name),
      },
      { onError: (error) => errors.push(error), restartDelayMs: 0 },
    );
    // Read models of this thread that run no projector: the tables, the status, the rows.
    models = openReadModels(store, { projections: DEFAULT_PROJECTIONS, mode: 'async' });
    await models.backend.init();
    await thread.start();
    try {
      ops.onCommitted(() => thread.kick());
      // Ends the thread as a crash would (reaching into the class: no other way to kill it).
      await (thread as unknown as { worker: { terminate(): Promise<number> } }).worker.terminate();
      expect(errors).toEqual([expect.objectContaining({ message: 'the projector thread exited' })]);
      await seedAccounts(ops, 3);
      await caughtUp(models);
      const live = await Promise.all(DEFAULT_PROJECTIONS.map((p) => dumpTables(models!.reader, p)));
      for (const p of DEFAULT_PROJECTIONS) await models.rebuild(p.name);
      expect(live).toEqual(
        await Promise.all(DEFAULT_PROJECTIONS.map((p) => dumpTables(models!.reader, p))),
      );
    } finally {
      await thread.stop();
    }
  });

  it('refuses to start when the worker cannot reach the database, and says why', async () => {
    const errors: unknown[] = [];
    const thread = new ProjectorThread(
      {
        source: { kind: 'postgres', connectionString: 'postgres://postgres@127.0.0.1:1/nothing' },
        projections: DEFAULT_PROJECTIONS.map((p) => p.name),
      },
      { onError: (error) => errors.push(error) },
    );
    try {
      await expect(thread.start()).rejects.toThrow(/ECONNREFUSED|connect/);
      expect(errors.length).toBeGreaterThan(0);
    } finally {
      await thread.stop();
    }
  });

  it('is refused on another store or with projections the worker cannot find by name', () => {
    const sqlite = new SqliteEventStore({ filename: ':memory:' });
    try {
      const projectorThread = true;
      expect(() =>
        openReadModels(sqlite, {
          projections: DEFAULT_PROJECTIONS,
          mode: 'async',
          projectorThread,
        }),
      ).toThrow(/PostgreSQL store opened from a connection string, and async projections/);
      const custom = { ...DEFAULT_PROJECTIONS[0]! };
      expect(() =>
        openReadModels(store, { projections: [custom], mode: 'async', projectorThread }),
      ).toThrow(/default projections/);
    } finally {
      sqlite.close();
    }
  });
});
