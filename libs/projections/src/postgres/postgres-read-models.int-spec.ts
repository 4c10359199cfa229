import { Pool } from 'pg';
import { createAccountOps, type AccountOps } from '@account-ops/engine';
import { PostgresEventStore } from '@account-ops/event-store';
import {
  dropSchema,
  FakeClock,
  freshSchemaName,
  testPgUrl,
  usesPglite,
} from '@account-ops/testing';
import { DEFAULT_PROJECTIONS } from '..';
import { openReadModels, type ReadModels } from '../read-models';
import { Projector } from '../runner/projector';
import { dumpTables } from '../testing/dump-tables';
import { seedAccounts } from '../testing/seed-accounts';
import { PostgresProjectionBackend } from './postgres-projection-backend';

// A batch holds a transaction open while the store reads events on another connection;
// the in-process PGlite runs one transaction at a time, so these need a real server.
const describeOnServer = usesPglite() ? describe.skip : describe;

describeOnServer('read models on PostgreSQL (skipped on PGlite: one transaction at a time)', () => {
  const clock = new FakeClock(new Date('2025-03-10T09:00:00.000Z'));
  const admin = new Pool({ connectionString: testPgUrl(), max: 1 });
  let schema: string;
  let store: PostgresEventStore;
  let ops: AccountOps;
  let models: ReadModels;
  const extra: { stop(): Promise<void> }[] = [];

  beforeEach(async () => {
    schema = freshSchemaName('rm_test');
    store = await PostgresEventStore.connect({
      connectionString: testPgUrl(),
      schema,
      poolSize: 8,
    });
    ops = createAccountOps({ store, cardFingerprintSecret: 'test-fingerprint-secret', clock });
    models = openReadModels(store, {
      projections: DEFAULT_PROJECTIONS,
      now: () => clock.now(),
      batchSize: 9,
    });
    await models.backend.init();
  });

  afterEach(async () => {
    for (const e of extra.splice(0)) await e.stop();
    await models.stop();
    await store.close();
    await dropSchema(admin, schema);
  });

  afterAll(() => admin.end());

  const dumpAll = () => Promise.all(DEFAULT_PROJECTIONS.map((p) => dumpTables(models.reader, p)));
  const rebuiltDump = async () => {
    for (const p of DEFAULT_PROJECTIONS) await models.rebuild(p.name);
    return dumpAll();
  };

  it('catches up in batches to rows equal to a rebuild from zero, with no lag left', async () => {
    await seedAccounts(ops, 6);
    expect((await models.status()).every((s) => s.lagEvents > 0)).toBe(true);
    await models.catchUp();
    const status = await models.status();
    expect(status.every((s) => s.lagEvents === 0 && s.checkpoint === s.head)).toBe(true);
    const caughtUp = await dumpAll();
    expect(await rebuiltDump()).toEqual(caughtUp);
    expect(await models.checkBalances()).toMatchObject({ ok: true, accountsChecked: 6 });
  });

  it('rolls back a batch whose SQL fails part-way and leaves the checkpoint where it was', async () => {
    await seedAccounts(ops, 3);
    await models.catchUp();
    await seedAccounts(ops, 3, 3);
    const before = await dumpAll();
    const checkpoints = await models.backend.checkpoints();
    const [balance, ...others] = DEFAULT_PROJECTIONS;
    const failing = new PostgresProjectionBackend({
      store,
      batchSize: 50,
      projections: [
        {
          ...balance!,
          // Without its batch fold, batches go through this `apply`.
          applyPage: undefined,
          apply: (event, tables) => [
            ...balance!.apply(event, tables),
            ...(event.type === 'RefundRequested'
              ? [{ sql: 'SELECT no_such_function()', params: [] }]
              : []),
          ],
        },
        ...others,
      ],
    });
    extra.push({ stop: () => failing.close() });
    await expect(failing.catchUp('balance')).rejects.toThrow(/no_such_function/);
    expect(await dumpAll()).toEqual(before);
    expect(await models.backend.checkpoints()).toEqual(checkpoints);
    // All three in one transaction: the same, and twice (its connection was rolled back,
    // not handed back inside an aborted transaction).
    const names = DEFAULT_PROJECTIONS.map((p) => p.name);
    for (let i = 0; i < 2; i++) {
      await expect(failing.catchUpTogether(names)).rejects.toThrow(/no_such_function/);
    }
    expect(await dumpAll()).toEqual(before);
    expect(await models.backend.checkpoints()).toEqual(checkpoints);
    await models.catchUp();
    expect(await rebuiltDump()).toEqual(await dumpAll());
  });

  it('lets one of two projector processes run a projection while the other waits; no duplicates', async () => {
    const second = new PostgresProjectionBackend({
      store,
      projections: DEFAULT_PROJECTIONS,
      batchSize: 9,
    });
    const a = new Projector(models.backend as PostgresProjectionBackend);
    const b = new Projector(second);
    extra.push(b, { stop: () => second.close() }, a);
    await seedAccounts(ops, 4);
    await Promise.all([
      a.runOnce(),
      b.runOnce(),
      seedAccounts(ops, 4, 4),
      a.runOnce(),
      b.runOnce(),
    ]);
    for (const { name } of DEFAULT_PROJECTIONS) {
      expect([a, b].filter((p) => p.isLeading(name))).toHaveLength(1);
    }
    await a.runOnce();
    await b.runOnce();
    const [{ n }] = (await models.reader.query('SELECT count(*) AS n FROM rm_audit_events')) as [
      { n: string },
    ];
    const total = (await store.readAll()).length;
    expect(Number(n)).toBe(total);
    expect((await models.status()).every((s) => s.lagEvents === 0)).toBe(true);
    await a.stop();
    await seedAccounts(ops, 1, 8);
    await b.runOnce();
    expect(DEFAULT_PROJECTIONS.every((p) => b.isLeading(p.name))).toBe(true);
    expect((await models.status()).every((s) => s.lagEvents === 0)).toBe(true);
  });

  it('ends a rebuild run while writers append and the projector runs equal to a rebuild from zero', async () => {
    await seedAccounts(ops, 4);
    await models.catchUp();
    const projector = new Projector(models.backend as PostgresProjectionBackend);
    extra.push(projector);
    await Promise.all([
      ...DEFAULT_PROJECTIONS.map((p) => models.rebuild(p.name, { batchSize: 5 })),
      seedAccounts(ops, 4, 4),
      projector.runOnce(),
    ]);
    await projector.runOnce();
    const live = await dumpAll();
    expect(live[0]!['balance_accounts']).toHaveLength(8);
    expect(await rebuiltDump()).toEqual(live);
  });

  it('rebuilds every projection in one pass, while writers append, to the rows the projector keeps', async () => {
    await seedAccounts(ops, 4);
    await models.catchUp();
    const backend = models.backend as PostgresProjectionBackend;
    const projector = new Projector(backend);
    extra.push(projector);
    const [reports] = await Promise.all([
      backend.rebuildAll(undefined, { batchSize: 7 }),
      seedAccounts(ops, 4, 4),
      projector.runOnce(),
    ]);
    expect(reports.map((r) => r.name)).toEqual(DEFAULT_PROJECTIONS.map((p) => p.name));
    // One pass: every projection's report has the pass's figures.
    expect(new Set(reports.map((r) => `${r.eventsApplied}@${r.checkpoint}`)).size).toBe(1);
    await projector.runOnce();
    const live = await dumpAll();
    expect(live[0]!['balance_accounts']).toHaveLength(8);
    expect(await rebuiltDump()).toEqual(live);
    expect(await models.checkBalances()).toMatchObject({ ok: true, accountsChecked: 8 });
  });

  it('catches all projections up in one pass, and one by one once their checkpoints differ', async () => {
    const backend = models.backend as PostgresProjectionBackend;
    await seedAccounts(ops, 3);
    const head = await store.headPosition();
    const events = (await store.readAll()).length;
    // Three projections, 9 events a batch, every batch for all three in one transaction.
    expect(await backend.catchUpTogether(DEFAULT_PROJECTIONS.map((p) => p.name))).toBe(3 * events);
    const checkpoints = await backend.checkpoints();
    expect(checkpoints.every((c) => c.position.commit === head.commit)).toBe(true);
    await seedAccounts(ops, 2, 3);
    await backend.catchUp('audit');
    const projector = new Projector(backend);
    extra.push(projector);
    await projector.runOnce();
    expect((await models.status()).every((s) => s.lagEvents === 0)).toBe(true);
    const live = await dumpAll();
    expect(live[0]!['balance_accounts']).toHaveLength(5);
    expect(await rebuiltDump()).toEqual(live);
  });

  it('notices batches another process committed although it remembers where its own ended', async () => {
    const names = DEFAULT_PROJECTIONS.map((p) => p.name);
    const mine = models.backend as PostgresProjectionBackend;
    const other = new PostgresProjectionBackend({
      store,
      projections: DEFAULT_PROJECTIONS,
      now: () => clock.now(),
      batchSize: 9,
    });
    extra.push({ stop: () => other.close() });
    await seedAccounts(ops, 2);
    const first = (await store.readAll()).length;
    expect(await mine.catchUpTogether(names)).toBe(3 * first);
    // The other process takes the next events: this one's remembered end is now behind.
    await seedAccounts(ops, 2, 2);
    const second = (await store.readAll()).length - first;
    expect(await other.catchUpTogether(names)).toBe(3 * second);
    await seedAccounts(ops, 1, 4);
    const third = (await store.readAll()).length - first - second;
    // Only the events neither has applied: none twice.
    expect(await mine.catchUpTogether(names)).toBe(3 * third);
    // Nothing new: nothing applied, and the checkpoints are at the head.
    expect(await other.catchUpTogether(names)).toBe(0);
    expect(await mine.catchUpTogether(names)).toBe(0);
    expect((await models.status()).every((s) => s.lagEvents === 0)).toBe(true);
    const live = await dumpAll();
    expect(live[0]!['balance_accounts']).toHaveLength(5);
    expect(await rebuiltDump()).toEqual(live);
  });

  it('finds a balance row corrupted on purpose', async () => {
    await seedAccounts(ops, 3);
    await models.catchUp();
    await models.reader.query(
      `UPDATE rm_balance_accounts SET available = available - 5 WHERE account_id = ?`,
      ['acc-1'],
    );
    const report = await models.checkBalances();
    expect(report.ok).toBe(false);
    expect(report.differences).toEqual([
      {
        accountId: 'acc-1',
        field: 'available',
        readModel: expect.any(Number),
        replay: expect.any(Number),
      },
    ]);
  });
});
