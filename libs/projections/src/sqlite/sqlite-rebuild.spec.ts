import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAccountOps, type AccountOps } from '@account-ops/engine';
import { SqliteEventStore } from '@account-ops/event-store';
import { FakeClock } from '@account-ops/testing';
import { DEFAULT_PROJECTIONS } from '../default-projections';
import type { Projection } from '../projection';
import { openReadModels, type ReadModels } from '../read-models';
import { RebuildAborted } from '../runner/rebuild-loop';
import { dumpTables } from '../testing/dump-tables';
import { failingOn, REFUSED_BY_FAILING_PROJECTION } from '../testing/failing-projection';
import { seedAccounts } from '../testing/seed-accounts';
import { SqliteProjectionBackend } from './sqlite-projection-backend';

// Each test fsyncs a few hundred commits; a loaded machine needs more than 5 s.
jest.setTimeout(30_000);

const clock = new FakeClock(new Date('2025-03-10T09:00:00.000Z'));
const NAMES = DEFAULT_PROJECTIONS.map((p) => p.name);

let dir: string;
let store: SqliteEventStore;
let ops: AccountOps;
let models: ReadModels;

/** Small batches, so that every pass spans several transactions. */
function open(mode: 'inline' | 'async', projections: readonly Projection[] = DEFAULT_PROJECTIONS) {
  store = new SqliteEventStore({ filename: join(dir, 'events.db'), now: () => clock.now() });
  ops = createAccountOps({ store, cardFingerprintSecret: 'test-fingerprint-secret', clock });
  models = openReadModels(store, { projections, mode, now: () => clock.now(), batchSize: 7 });
}

function backend(of: ReadModels = models): SqliteProjectionBackend {
  return of.backend as SqliteProjectionBackend;
}

const dumpAll = () => Promise.all(DEFAULT_PROJECTIONS.map((p) => dumpTables(models.reader, p)));

const shadowTables = () =>
  store.db
    .prepare<[], { name: string }>(
      `SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE '%\\_\\_rebuild' ESCAPE '\\'`,
    )
    .all();

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'rebuild-all-'));
  open('inline');
  await models.start();
  await seedAccounts(ops, 8);
});

afterEach(async () => {
  await models?.stop();
  await store?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('rebuilding every projection in one pass (SQLite)', () => {
  it('builds exactly the rows the inline projections kept, and resets every checkpoint to the head', async () => {
    const live = await dumpAll();
    const head = (await store.headPosition()).commit;
    const reports = await backend().rebuildAll();
    expect(await dumpAll()).toEqual(live);
    expect(reports.map((r) => [r.name, r.eventsApplied, r.checkpoint])).toEqual(
      NAMES.map((name) => [name, Number(head), head.toString()]),
    );
    const checkpoints = await models.backend.checkpoints();
    expect(checkpoints.map((c) => [c.name, c.position.commit, c.eventsApplied])).toEqual(
      [...NAMES].sort().map((name) => [name, head, Number(head)]),
    );
    expect(shadowTables()).toEqual([]);
  });

  it('rebuilds only the projections named, leaving the others untouched', async () => {
    store.db.prepare(`UPDATE rm_balance_accounts SET held = held + 1`).run();
    const [tamperedBalance] = await dumpAll();
    store.db.prepare(`DELETE FROM rm_audit_events`).run();
    await backend().rebuildAll(['audit', 'ops']);
    const [balance, audit] = await dumpAll();
    expect(balance).toEqual(tamperedBalance);
    expect(audit!['audit_events']).toHaveLength(Number((await store.headPosition()).commit));
  });

  it('ends equal to a rebuild from zero when writers append during the pass', async () => {
    await Promise.all([backend().rebuildAll(), seedAccounts(ops, 6, 8)]);
    const afterConcurrentRebuild = await dumpAll();
    expect(afterConcurrentRebuild[0]!['balance_accounts']).toHaveLength(14);
    for (const name of NAMES) await models.rebuild(name);
    expect(await dumpAll()).toEqual(afterConcurrentRebuild);
    expect((await models.checkBalances()).ok).toBe(true);
  });

  it('leaves every live table as it was and no shadow table when one projection fails part-way', async () => {
    await reopenAsync();
    const before = await dumpAll();
    const checkpoints = await models.backend.checkpoints();
    const [balance, audit, opsProjection] = DEFAULT_PROJECTIONS;
    const failing = openReadModels(store, {
      projections: [
        balance!,
        audit!,
        failingOn((e) => e.type === 'RefundRequested', opsProjection),
      ],
      mode: 'async',
      batchSize: 7,
    });
    await expect(backend(failing).rebuildAll()).rejects.toMatchObject(
      REFUSED_BY_FAILING_PROJECTION,
    );
    expect(shadowTables()).toEqual([]);
    expect(await dumpAll()).toEqual(before);
    expect(await models.backend.checkpoints()).toEqual(checkpoints);
  });

  it('drops every shadow table when stopped, and the live rows stay', async () => {
    const before = await dumpAll();
    const stop = new AbortController();
    const rebuilding = backend().rebuildAll(NAMES, {
      signal: stop.signal,
      onProgress: ({ name, applied }) => {
        expect(name).toBe(NAMES.join(', '));
        if (applied > 0) stop.abort();
      },
    });
    await expect(rebuilding).rejects.toBeInstanceOf(RebuildAborted);
    expect(shadowTables()).toEqual([]);
    expect(await dumpAll()).toEqual(before);
  });

  it('at start-up rebuilds in one pass only the projections stored with another version', async () => {
    store.db.prepare(`UPDATE rm_balance_accounts SET held = held + 1`).run();
    const [tamperedBalance] = await dumpAll();
    store.db.prepare(`UPDATE projection_checkpoints SET version = 0 WHERE name <> 'balance'`).run();
    store.db.prepare(`DELETE FROM rm_audit_events`).run();
    store.db.prepare(`DELETE FROM rm_ops_accounts`).run();
    await reopenAsync();
    const [balance, audit, opsRows] = await dumpAll();
    expect(balance).toEqual(tamperedBalance);
    const head = Number((await store.headPosition()).commit);
    expect(audit!['audit_events']).toHaveLength(head);
    expect(opsRows!['ops_accounts']).toHaveLength(8);
    const versions = new Map(DEFAULT_PROJECTIONS.map((p) => [p.name, p.version]));
    for (const c of await models.backend.checkpoints())
      expect(c.version).toBe(versions.get(c.name));
  });
});

/** Reopens the store with the read models in async mode, initialised but not started. */
async function reopenAsync(): Promise<void> {
  await models.stop();
  await store.close();
  open('async');
  await models.backend.init();
}
