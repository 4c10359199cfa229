import type { ReadModels } from '@account-ops/projections';
import { READ_MODELS } from '../src/read-models/read-models.provider';
import { seeder, type Seeder } from './support/seed';
import { BACKENDS, freshId, startTestApi, type TestApi } from './support/test-api';

describe.each(BACKENDS)('read-model endpoints [%s]', (backend) => {
  let t: TestApi;
  let seed: Seeder;
  let models: ReadModels;
  const a = freshId();
  const b = freshId();

  beforeAll(async () => {
    t = await startTestApi(backend);
    seed = seeder(t);
    models = t.app.get<ReadModels>(READ_MODELS, { strict: false });
    await seed.ready(a, 10_000);
    await seed.refund(a, 'r-1', 1_500);
    await seed.initiate(a, 'tu-pending', 700);
    await seed.ready(b, 5_000);
    await seed.freeze(b);
    await models.catchUp(); // async on PostgreSQL; a no-op inline on SQLite
  });
  afterAll(() => t.close());

  it('GET /accounts/:id/balance answers from the balance read model', async () => {
    const res = await t.as('operator').get(`/accounts/${a}/balance`).expect(200);
    expect(res.body).toMatchObject({
      accountId: a,
      currency: 'EUR',
      available: 8_500,
      held: 1_500,
      pendingIn: 700,
      version: expect.any(Number),
    });
    await t.as('operator').get(`/accounts/${freshId()}/balance`).expect(404);
    await t.as('system').get(`/accounts/${a}/balance`).expect(403);
  });

  it('reads its own write at once when projections run inline (SQLite)', async () => {
    if (models.mode !== 'inline') return expect(backend).not.toBe('sqlite');
    await seed.initiate(a, 'tu-now', 300);
    const res = await t.as('operator').get(`/accounts/${a}/balance`).expect(200);
    expect(res.body.pendingIn).toBe(1_000);
  });

  it('GET /audit filters by account, actor and type, and pages by position', async () => {
    await models.catchUp();
    const auditor = t.as('auditor');
    const all = await auditor.get(`/audit?accountId=${a}&limit=3`).expect(200);
    expect(all.body.items).toHaveLength(3);
    expect(all.body.items[0]).toMatchObject({
      accountId: a,
      type: 'AccountOpened',
      actorId: 'op-1',
    });
    const next = await auditor
      .get(`/audit?accountId=${a}&limit=3&after=${all.body.nextAfter}`)
      .expect(200);
    expect(next.body.items[0].position).not.toBe(all.body.items[2].position);
    const refunds = await auditor
      .get(`/audit?type=RefundRequested&actor=op-1&accountId=${a}`)
      .expect(200);
    expect(refunds.body.items).toEqual([
      expect.objectContaining({ type: 'RefundRequested', amount: 1_500, subjectId: 'r-1' }),
    ]);
    const none = await auditor.get(`/audit?accountId=${a}&from=2999-01-01T00:00:00Z`).expect(200);
    expect(none.body).toEqual({ items: [], nextAfter: null });
    await auditor.get('/audit?type=NoSuchEvent').expect(400);
    await auditor.get('/audit?from=yesterday').expect(400);
    await auditor.get(`/audit?after=1;DROP TABLE rm_audit_events`).expect(400);
    await t.as('operator').get('/audit').expect(403);
  });

  it('GET /ops/refunds lists the approval queue with ages, or refunds by status', async () => {
    t.clock.advanceHours(2);
    const queue = await t.as('approver').get('/ops/refunds').expect(200);
    const mine = queue.body.items.find((r: { accountId: string }) => r.accountId === a);
    expect(mine).toMatchObject({ refundId: 'r-1', status: 'requested', amount: 1_500 });
    // The owner's name, opened with the account's key: the read model holds none.
    expect(mine.ownerName).toBe('Ada Lovelace');
    expect(mine.ageSeconds).toBeGreaterThanOrEqual(7_200);
    const requested = await t.as('approver').get('/ops/refunds?status=requested').expect(200);
    expect(requested.body.items.map((r: { refundId: string }) => r.refundId)).toContain('r-1');
    await t.as('approver').get('/ops/refunds?status=bogus').expect(400);
  });

  it('GET /ops/accounts, /ops/frozen-accounts and /ops/top-ups show ops views', async () => {
    const frozen = await t.as('operator').get('/ops/accounts?freezeReason=manual').expect(200);
    expect(frozen.body.items.map((x: { accountId: string }) => x.accountId)).toContain(b);
    expect(frozen.body.items.map((x: { accountId: string }) => x.accountId)).not.toContain(a);
    const since = await t.as('operator').get('/ops/frozen-accounts').expect(200);
    expect(since.body.items.find((x: { accountId: string }) => x.accountId === b)).toMatchObject({
      reasons: [expect.objectContaining({ reason: 'manual', by: 'admin-1' })],
    });
    const stale = await t.as('operator').get('/ops/top-ups?olderThanSeconds=3600').expect(200);
    expect(stale.body.items.map((x: { topUpId: string }) => x.topUpId)).toContain('tu-pending');
    await t.as('operator').get('/ops/accounts?status=frozen').expect(400);
  });

  it('GET /ops/projections reports checkpoints and lag; /metrics exports the lag', async () => {
    await models.catchUp();
    const res = await t.as('admin').get('/ops/projections').expect(200);
    expect(res.body.items.map((s: { name: string }) => s.name).sort()).toEqual([
      'audit',
      'balance',
      'ops',
    ]);
    expect(res.body.items.every((s: { lagEvents: number }) => s.lagEvents === 0)).toBe(true);
    const metrics = await t.as(null).get('/metrics').expect(200);
    expect(metrics.text).toMatch(/account_ops_projection_lag_events\{projection="balance"\} 0/);
    expect(metrics.text).toMatch(/account_ops_projection_lag_seconds\{projection="audit"\} 0/);
  });
});

describe('read models with the projector in a worker thread [postgres]', () => {
  let t: TestApi;
  const a = freshId();

  beforeAll(async () => {
    t = await startTestApi('postgres', { projectorThread: true });
  });
  afterAll(() => t.close());

  it('serves balances the worker projected after each command, with no lag left', async () => {
    const seed = seeder(t);
    await seed.ready(a, 10_000);
    await seed.initiate(a, 'tu-pending', 700);
    // Waits on the worker's commits (HTTP reads), not on time; nothing here catches up.
    const lagLeft = async () => {
      const res = await t.as('admin').get('/ops/projections').expect(200);
      return res.body.items.some((s: { lagEvents: number }) => s.lagEvents > 0);
    };
    while (await lagLeft()) await new Promise((resolve) => setImmediate(resolve));
    const res = await t.as('operator').get(`/accounts/${a}/balance`).expect(200);
    expect(res.body).toMatchObject({ accountId: a, available: 10_000, pendingIn: 700 });
  });
});
