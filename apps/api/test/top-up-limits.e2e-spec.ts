import { generate } from 'otplib';
import { RFC_6238_SHA1_SECRET } from '@account-ops/testing';
import { parseApiKeys } from '../src/auth/api-keys';
import { ACTORS, testApiKeys } from './support/actors';
import { ApiClient } from './support/client';
import { seeder } from './support/seed';
import { BACKENDS, freshId, startTestApi, type TestApi } from './support/test-api';

const ADMIN_CO = { id: 'admin-co', key: 'test-admin-co-key-0123456789abcdef' };
// Second factors: the admin and the admin who is also compliance officer.
const TOTP = new Map([
  [ACTORS.operator.id, RFC_6238_SHA1_SECRET],
  [ACTORS.admin.id, RFC_6238_SHA1_SECRET],
  [ADMIN_CO.id, RFC_6238_SHA1_SECRET],
]);

/**
 * SPEC §2 per-account limits end to end: `PUT /accounts/:id/limits` by an admin with a
 * second factor, compliance above the default, the event, the account view, the export,
 * the next top-up's 422 naming whose limit it was.
 */
describe.each(BACKENDS)('per-account top-up limits [%s]', (backend) => {
  let t: TestApi;
  let adminCo: ApiClient;
  beforeAll(async () => {
    t = await startTestApi(backend, {
      apiKeys: [
        ...testApiKeys(),
        ...parseApiKeys(`${ADMIN_CO.key}=${ADMIN_CO.id}:admin|compliance`),
      ],
      totpSecrets: TOTP,
    });
    adminCo = new ApiClient(t.server, `Bearer ${ADMIN_CO.key}`);
  });
  afterAll(() => t.close());

  /** A fresh code: each TOTP step's code works once, so the clock moves a step first. */
  const code = async () => {
    t.clock.advance(30_000);
    return generate({
      secret: RFC_6238_SHA1_SECRET,
      epoch: Math.floor(t.clock.now().getTime() / 1000),
    });
  };
  const put = async (client: ApiClient, id: string, body: object, key?: string) =>
    client.put(`/accounts/${id}/limits`, body, key).set('X-Step-Up-Code', await code());
  const topUp = (id: string, topUpId: string, amount: number) =>
    t.as('system').post(`/accounts/${id}/top-ups`, {
      topUpId,
      amount,
      method: 'bank_transfer',
      paymentReference: `ref-${topUpId}`,
    });
  const opened = async () => {
    const id = freshId();
    await seeder(t).open(id);
    return id;
  };

  it('an admin with a second factor lowers the limits: shown on the account, used by the next top-up', async () => {
    const id = await opened();
    const res = await put(t.as('admin'), id, {
      singleMax: 10_000,
      dailyMax: 15_000,
      reason: 'risk review RR-1',
    });
    expect(res.status).toBe(200);
    expect(res.body.topUpLimits).toEqual({ singleMax: 10_000, dailyMax: 15_000 });
    const read = await t.as('auditor').get(`/accounts/${id}`).expect(200);
    expect(read.body.topUpLimits).toEqual({ singleMax: 10_000, dailyMax: 15_000 });

    const tooBig = await topUp(id, 'tu-1', 10_001);
    expect(tooBig.status).toBe(422);
    expect(tooBig.body).toMatchObject({
      code: 'LIMIT_EXCEEDED',
      details: {
        limitName: 'top_up_single_max',
        limit: 10_000,
        limitSource: 'account',
        remaining: 10_000,
      },
    });
    expect(tooBig.body.detail).toMatch(/the account's limit/);
    await topUp(id, 'tu-2', 10_000).expect(201);
    const daily = await topUp(id, 'tu-3', 5_001);
    expect(daily.body).toMatchObject({
      code: 'LIMIT_EXCEEDED',
      details: {
        limitName: 'top_up_daily_max',
        limit: 15_000,
        limitSource: 'account',
        remaining: 5_000,
      },
    });
  });

  it('the event records who, why, the old and the new values; the export carries the limits', async () => {
    const id = await opened();
    expect((await put(t.as('admin'), id, { singleMax: 10_000, reason: 'first' })).status).toBe(200);
    expect((await put(t.as('admin'), id, { dailyMax: 12_000, reason: 'second' })).status).toBe(200);
    const events = (await t.as('auditor').get(`/accounts/${id}/events`).expect(200)).body.items;
    const set = events.filter((e: { type: string }) => e.type === 'TopUpLimitsSet');
    expect(set).toHaveLength(2);
    expect(set[1].metadata.actor).toMatchObject({ id: 'admin-1' });
    expect(set[1].data).toMatchObject({
      previous: { singleMax: 10_000, dailyMax: null },
      limits: { singleMax: 10_000, dailyMax: 12_000 },
      defaults: { singleMax: 5_000_000, dailyMax: 20_000_000 },
      by: 'admin-1',
    });
    // The reason is free text: whatever form it is stored in, the audit trail gives it back.
    const exported = (await t.as('auditor').get(`/accounts/${id}/export`).expect(200)).body;
    expect(exported.account.topUpLimits).toEqual({ singleMax: 10_000, dailyMax: 12_000 });
    expect(exported.events.map((e: { type: string }) => e.type)).toContain('TopUpLimitsSet');
  });

  it('without a second factor: 403 STEP_UP_REQUIRED, nothing written', async () => {
    const id = await opened();
    const res = await t.as('admin').put(`/accounts/${id}/limits`, { singleMax: 1, reason: 'x' });
    expect([res.status, res.body.code]).toEqual([403, 'STEP_UP_REQUIRED']);
    expect((await t.ops.load(id)).state.topUpLimits).toEqual({ singleMax: null, dailyMax: null });
  });

  it.each(['operator', 'compliance', 'auditor', 'system', 'approver'] as const)(
    'the %s role may not set limits: 403',
    async (role) => {
      const id = await opened();
      const res = await put(t.as(role), id, { singleMax: 1, reason: 'x' });
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('FORBIDDEN');
    },
  );

  it('above the configured default the admin also needs the compliance role', async () => {
    const id = await opened();
    const refused = await put(t.as('admin'), id, { singleMax: 6_000_000, reason: 'vip' });
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({
      code: 'FORBIDDEN',
      details: { rule: 'limit_above_default_needs_compliance', allowedRoles: ['compliance'] },
    });
    const allowed = await put(adminCo, id, {
      singleMax: 6_000_000,
      reason: 'vip, approved by compliance',
    });
    expect(allowed.status).toBe(200);
    await topUp(id, 'tu-big', 5_500_000).expect(201);
  });

  it('a limit the account does not set stays the default, and the 422 says so', async () => {
    const id = await opened();
    expect(
      (await put(t.as('admin'), id, { dailyMax: 9_000_000, reason: 'tighter daily' })).status,
    ).toBe(200);
    const res = await topUp(id, 'tu-1', 5_000_001);
    expect(res.body).toMatchObject({
      code: 'LIMIT_EXCEEDED',
      details: { limitName: 'top_up_single_max', limit: 5_000_000, limitSource: 'default' },
    });
    expect(res.body.detail).toMatch(/the default limit/);
  });

  it.each([
    [{ reason: 'nothing to set' }, 'singleMax'],
    [{ singleMax: 0, reason: 'x' }, 'singleMax'],
    [{ dailyMax: 1.5, reason: 'x' }, 'dailyMax'],
    [{ singleMax: '100', reason: 'x' }, 'singleMax'],
    [{ singleMax: 100 }, 'reason'],
    [{ singleMax: 100, reason: 'x', extra: 1 }, 'extra'],
  ])('refuses %p with a 400 naming %s and writes nothing', async (body, field) => {
    const id = await opened();
    const before = (await t.ops.load(id)).version;
    const res = await put(t.as('admin'), id, body);
    expect([res.status, res.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    expect(JSON.stringify(res.body)).toContain(field);
    expect((await t.ops.load(id)).version).toBe(before);
  });

  it('a retry under the same Idempotency-Key answers the same bytes and writes once', async () => {
    const id = await opened();
    const first = await put(t.as('admin'), id, { singleMax: 7_000, reason: 'x' }, 'limits-1');
    const version = (await t.ops.load(id)).version;
    const retry = await put(t.as('admin'), id, { singleMax: 7_000, reason: 'x' }, 'limits-1');
    expect(retry.status).toBe(first.status);
    expect(retry.text).toBe(first.text);
    expect((await t.ops.load(id)).version).toBe(version);
  });

  it('an unknown account: 404', async () => {
    const res = await put(t.as('admin'), freshId('ghost'), { singleMax: 5, reason: 'x' });
    expect([res.status, res.body.code]).toEqual([404, 'ACCOUNT_NOT_FOUND']);
  });
});
