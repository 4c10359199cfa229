import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAccountOps, type AccountOps } from '@account-ops/engine';
import { SqliteEventStore } from '@account-ops/event-store';
import { FakeClock } from '@account-ops/testing';
import { DEFAULT_PROJECTIONS } from '..';
import type { Projection } from '../projection';
import { openReadModels, type ReadModels } from '../read-models';
import { dumpTables } from '../testing/dump-tables';
import { failingOn, REFUSED_BY_FAILING_PROJECTION } from '../testing/failing-projection';
import { seedAccounts, storyFor } from '../testing/seed-accounts';

// Each test fsyncs a few hundred commits; under a loaded CI machine the 5 s default could
// cut one short and let its leftovers run into the next test's store.
jest.setTimeout(30_000);

const clock = new FakeClock(new Date('2025-03-10T09:00:00.000Z'));

let dir: string;
let store: SqliteEventStore;
let ops: AccountOps;
let models: ReadModels;

function open(mode: 'inline' | 'async', projections: readonly Projection[] = DEFAULT_PROJECTIONS) {
  store = new SqliteEventStore({ filename: join(dir, 'events.db'), now: () => clock.now() });
  ops = createAccountOps({ store, cardFingerprintSecret: 'test-fingerprint-secret', clock });
  models = openReadModels(store, { projections, mode, now: () => clock.now(), batchSize: 7 });
}

async function reopen(mode: 'inline' | 'async', projections?: readonly Projection[]) {
  await models.stop();
  await store.close();
  open(mode, projections);
  await models.start();
}

async function dumpAll() {
  return Promise.all(DEFAULT_PROJECTIONS.map((p) => dumpTables(models.reader, p)));
}

/** The rows a rebuild from zero produces, for comparison with what the projector kept. */
async function rebuiltDump() {
  for (const p of DEFAULT_PROJECTIONS) await models.rebuild(p.name);
  return dumpAll();
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'read-models-'));
});

afterEach(async () => {
  await models?.stop();
  await store?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('inline mode (SQLite)', () => {
  beforeEach(async () => {
    open('inline');
    await models.start();
  });

  it('updates the rows in the append transaction: a reader sees its own write at once', async () => {
    await ops.execute({ ...storyFor(1)[0]!, accountId: 'acc-1' });
    const rows = await models.reader.query('SELECT account_id FROM rm_balance_accounts');
    expect(rows).toEqual([{ account_id: 'acc-1' }]);
  });

  it('keeps every checkpoint at the head, with no lag', async () => {
    await seedAccounts(ops, 3);
    const statuses = await models.status();
    const head = (await store.headPosition()).commit.toString();
    expect(statuses.map((s) => [s.name, s.mode, s.checkpoint, s.lagEvents])).toEqual(
      DEFAULT_PROJECTIONS.map((p) => [p.name, 'inline', head, 0]),
    );
  });

  it('fails the append when a projection fails: no event without its rows', async () => {
    await seedAccounts(ops, 1);
    const head = await store.headPosition();
    await reopen('inline', [
      ...DEFAULT_PROJECTIONS,
      failingOn((e) => e.streamId === 'account-acc-2' && e.type === 'TopUpInitiated'),
    ]);
    await expect(ops.execute(storyFor(2)[0]!)).resolves.toBeDefined();
    await expect(ops.execute(storyFor(2)[2]!)).rejects.toMatchObject(REFUSED_BY_FAILING_PROJECTION);
    expect((await store.headPosition()).commit).toBe(head.commit + 1n);
  });

  it('leaves, for commands committed together (group commits), the rows of a rebuild', async () => {
    await seedAccounts(ops, 8);
    const inline = await dumpAll();
    expect(inline[0]!['balance_accounts']).toHaveLength(8);
    expect(await rebuiltDump()).toEqual(inline);
  });

  it('fails only the command whose rows a projection refuses, not those committed with it', async () => {
    await seedAccounts(ops, 1);
    await reopen('inline', [
      ...DEFAULT_PROJECTIONS,
      failingOn((e) => e.streamId === 'account-acc-2' && e.type === 'TopUpInitiated'),
    ]);
    await Promise.all([ops.execute(storyFor(2)[0]!), ops.execute(storyFor(3)[0]!)]);
    const head = await store.headPosition();
    const [refused, other] = await Promise.allSettled([
      ops.execute(storyFor(2)[2]!),
      ops.execute(storyFor(3)[2]!),
    ]);
    expect(refused).toMatchObject({ status: 'rejected', reason: REFUSED_BY_FAILING_PROJECTION });
    expect(other.status).toBe('fulfilled');
    expect((await store.headPosition()).commit).toBe(head.commit + 1n);
    const pending = await models.reader.query(
      "SELECT account_id, pending_in FROM rm_balance_accounts WHERE account_id IN ('acc-2', 'acc-3') ORDER BY account_id",
    );
    expect(pending).toEqual([
      { account_id: 'acc-2', pending_in: 0 },
      { account_id: 'acc-3', pending_in: 50_003 },
    ]);
  });

  it('ends a rebuild run while writers append equal to a rebuild from zero', async () => {
    await seedAccounts(ops, 6);
    const rebuilding = Promise.all(DEFAULT_PROJECTIONS.map((p) => models.rebuild(p.name)));
    await Promise.all([rebuilding, seedAccounts(ops, 6, 6)]);
    const afterConcurrentRebuild = await dumpAll();
    expect(afterConcurrentRebuild[0]!['balance_accounts']).toHaveLength(12);
    expect(await rebuiltDump()).toEqual(afterConcurrentRebuild);
    expect((await models.checkBalances()).ok).toBe(true);
  });
});

describe('async mode (SQLite)', () => {
  beforeEach(async () => {
    open('async');
    await models.backend.init(); // no background projector: the tests drive catch-up
  });

  it('reports lag until caught up, then none', async () => {
    await seedAccounts(ops, 2);
    clock.advance(90_000);
    const behind = await models.status();
    const head = await store.headPosition();
    expect(behind.every((s) => s.lagEvents === Number(head.commit))).toBe(true);
    expect(behind.every((s) => s.lagSeconds === 90)).toBe(true);
    await models.catchUp();
    expect((await models.status()).every((s) => s.lagEvents === 0 && s.lagSeconds === 0)).toBe(
      true,
    );
  });

  it('rolls back a batch that throws part-way: nothing counted twice after the restart', async () => {
    await seedAccounts(ops, 4);
    await models.catchUp();
    await seedAccounts(ops, 4, 4);
    const before = await dumpAll();
    const checkpointsBefore = await models.backend.checkpoints();
    const [balance, ...others] = DEFAULT_PROJECTIONS;
    const failing = openReadModels(store, {
      projections: [failingOn((e) => e.type === 'RefundRequested', balance), ...others],
      mode: 'async',
      batchSize: 50,
    });
    await expect(failing.catchUp()).rejects.toMatchObject(REFUSED_BY_FAILING_PROJECTION);
    expect(await dumpAll()).toEqual(before);
    expect(await models.backend.checkpoints()).toEqual(checkpointsBefore);
    await models.catchUp();
    const resumed = await dumpAll();
    expect(await rebuiltDump()).toEqual(resumed);
  });

  it('rebuilds a projection stored with another version before using it', async () => {
    await seedAccounts(ops, 2);
    await models.catchUp();
    await store.db.prepare(`UPDATE projection_checkpoints SET version = 0`).run();
    await store.db.prepare(`DELETE FROM rm_audit_events`).run();
    await reopen('async');
    const audit = await models.reader.query('SELECT count(*) AS n FROM rm_audit_events');
    expect(Number(audit[0]!['n'])).toBe(Number((await store.headPosition()).commit));
    const versions = new Map(DEFAULT_PROJECTIONS.map((p) => [p.name, p.version]));
    for (const c of await models.backend.checkpoints())
      expect(c.version).toBe(versions.get(c.name));
  });
});

describe('consistency check', () => {
  beforeEach(async () => {
    open('inline');
    await models.start();
    await seedAccounts(ops, 5);
  });

  it('passes on an untouched read model', async () => {
    const report = await models.checkBalances();
    expect(report).toMatchObject({ ok: true, accountsChecked: 5, differences: [] });
  });

  it('finds a row corrupted on purpose', async () => {
    store.db
      .prepare(`UPDATE rm_balance_accounts SET held = held + 1 WHERE account_id = 'acc-3'`)
      .run();
    store.db.prepare(`DELETE FROM rm_balance_accounts WHERE account_id = 'acc-4'`).run();
    const report = await models.checkBalances();
    expect(report.ok).toBe(false);
    expect(report.differences).toEqual([
      {
        accountId: 'acc-3',
        field: 'held',
        readModel: expect.any(Number),
        replay: expect.any(Number),
      },
      { accountId: 'acc-4', field: 'missing', readModel: null, replay: 'acc-4' },
    ]);
    const held = report.differences[0]!;
    expect(Number(held.readModel) - Number(held.replay)).toBe(1);
  });
});
