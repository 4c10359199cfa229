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
import { DEFAULT_PROJECTIONS } from '../default-projections';
import type { Projection } from '../projection';
import { openReadModels, type ReadModels } from '../read-models';
import { AWKWARD_TEXT, BIG, copyProbeProjection } from '../testing/copy-probe-projection';
import { dumpTables } from '../testing/dump-tables';
import { seedAccounts } from '../testing/seed-accounts';
import type { PostgresProjectionBackend } from './postgres-projection-backend';

// COPY and a second connection reading events while the rebuild runs: a real server.
const describeOnServer = usesPglite() ? describe.skip : describe;

describeOnServer('a PostgreSQL rebuild staged in SQLite and loaded by COPY', () => {
  const clock = new FakeClock(new Date('2025-03-10T09:00:00.000Z'));
  const admin = new Pool({ connectionString: testPgUrl(), max: 1 });
  let schema: string;
  let store: PostgresEventStore;
  let ops: AccountOps;
  const opened: ReadModels[] = [];

  beforeEach(async () => {
    schema = freshSchemaName('staged_rebuild');
    store = await PostgresEventStore.connect({ connectionString: testPgUrl(), schema });
    ops = createAccountOps({ store, cardFingerprintSecret: 'test-fingerprint-secret', clock });
    await seedAccounts(ops, 5);
  });

  afterEach(async () => {
    for (const models of opened.splice(0)) await models.stop();
    await store.close();
    await dropSchema(admin, schema);
  });

  afterAll(() => admin.end());

  /** Read models over the store, not yet initialised; stopped after the test. */
  function openModels(projections: readonly Projection[]): ReadModels {
    const models = openReadModels(store, {
      projections,
      mode: 'async',
      now: () => clock.now(),
      batchSize: 11,
    });
    opened.push(models);
    return models;
  }

  async function open(projection: Projection): Promise<ReadModels> {
    const models = openModels([projection]);
    await models.backend.init();
    return models;
  }

  const shadowTables = async () =>
    (
      await admin.query<{ tablename: string }>(
        `SELECT tablename FROM pg_tables WHERE schemaname = $1 AND tablename LIKE '%\\_\\_rebuild'`,
        [schema],
      )
    ).rows;

  it('loads text with tabs, newlines, backslashes and a literal \\N, NULLs and BIGINTs past 2^53 exactly as the projector writes them', async () => {
    const probe = copyProbeProjection();
    const models = await open(probe);
    // The rows as the live projector writes them (its SQL run by PostgreSQL), then a rebuild's.
    await models.backend.catchUp(probe.name);
    const live = await dumpTables(models.reader, probe);
    await models.backend.rebuild(probe.name);
    expect(await dumpTables(models.reader, probe)).toEqual(live);
    const rows = await models.reader.query(
      `SELECT note, big, missing FROM rm_copy_probe ORDER BY big LIMIT 1`,
    );
    expect(String(rows[0]!.note).slice(0, AWKWARD_TEXT.length + 2)).toBe(`${AWKWARD_TEXT} #`);
    expect(BigInt(String(rows[0]!.big)) > BIG).toBe(true);
    expect(rows[0]!.missing).toBeNull();
  });

  it('leaves the live rows, the checkpoint and no shadow table when PostgreSQL refuses the load', async () => {
    const fits = await open(copyProbeProjection());
    await fits.backend.catchUp('copy_probe');
    const before = await dumpTables(fits.reader, copyProbeProjection());
    const checkpoints = await fits.backend.checkpoints();
    expect(before['copy_probe']!.length).toBeGreaterThan(0);
    // 2^32 per version: SQLite's INTEGER takes it, PostgreSQL's 32-bit INTEGER does not.
    const overflowing = openModels([copyProbeProjection(2 ** 32)]);
    await expect(
      (overflowing.backend as PostgresProjectionBackend).rebuildAll(),
    ).rejects.toMatchObject({ message: expect.stringMatching(/out of range for type integer/) });
    expect(await shadowTables()).toEqual([]);
    expect(await dumpTables(fits.reader, copyProbeProjection())).toEqual(before);
    expect(await fits.backend.checkpoints()).toEqual(checkpoints);
  });

  it('leaves the live tables with the indexes init() creates, under their live names, rebuild after rebuild', async () => {
    const models = openModels(DEFAULT_PROJECTIONS);
    await models.backend.init();
    const indexes = async () =>
      (
        await admin.query<{ indexname: string; tablename: string }>(
          `SELECT indexname, tablename FROM pg_indexes WHERE schemaname = $1 ORDER BY indexname`,
          [schema],
        )
      ).rows;
    const created = await indexes();
    // The primary key (by position) and the account, actor, type and time indexes.
    expect(created.filter((i) => i.tablename === 'rm_audit_events')).toHaveLength(5);
    const backend = models.backend as PostgresProjectionBackend;
    await backend.rebuildAll();
    await backend.rebuildAll();
    expect(await indexes()).toEqual(created);
  });
});
