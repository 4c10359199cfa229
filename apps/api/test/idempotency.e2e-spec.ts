import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FakeClock } from '@account-ops/testing';
import { createApiApp } from '../src/app/create-api-app';
import { keyOf, testApiKeys } from './support/actors';
import { ApiClient } from './support/client';
import { seeder, type Seeder } from './support/seed';
import {
  BACKENDS,
  CARD_SECRET,
  freshId,
  START,
  startTestApi,
  type TestApi,
} from './support/test-api';

describe.each(BACKENDS)('idempotency and concurrency [%s]', (backend) => {
  let t: TestApi;
  let seed: Seeder;
  beforeAll(async () => {
    t = await startTestApi(backend);
    seed = seeder(t);
  });
  afterAll(() => t.close());

  const balance = async (id: string) =>
    (await t.as('auditor').get(`/accounts/${id}`).expect(200)).body.balance;

  it('20 concurrent refunds exceeding the balance: exactly the affordable 14 succeed', async () => {
    const id = freshId();
    await seed.ready(id, 10_000);
    const responses = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        t.as('operator').post(`/accounts/${id}/refunds`, {
          refundId: `rf-${i}`,
          amount: 700,
          reason: 'duplicate_charge',
        }),
      ),
    );
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(14);
    const refused = responses.filter((r) => r.status !== 201);
    expect(refused.map((r) => [r.status, r.body.code])).toEqual(
      Array(6).fill([422, 'INSUFFICIENT_FUNDS']),
    );
    expect(await balance(id)).toEqual({ available: 200, held: 9_800, pendingIn: 0 });
    const { body } = await t.as('auditor').get(`/accounts/${id}`).expect(200);
    expect(body.refunds).toHaveLength(14);
  });

  it('concurrent duplicates under one key: one executes, all get the same answer', async () => {
    const id = freshId();
    await seed.ready(id, 10_000);
    const before = (await t.ops.load(id)).version;
    const key = randomUUID();
    const body = { refundId: 'rf-dup', amount: 1_000, reason: 'technical_issue' };
    const responses = await Promise.all(
      Array.from({ length: 10 }, () => t.as('operator').post(`/accounts/${id}/refunds`, body, key)),
    );
    expect(new Set(responses.map((r) => r.status))).toEqual(new Set([201]));
    expect(new Set(responses.map((r) => r.text)).size).toBe(1);
    expect(responses.filter((r) => r.headers['idempotent-replayed'] !== 'true')).toHaveLength(1);
    expect((await t.ops.load(id)).version).toBe(before + 1);
    expect(await balance(id)).toEqual({ available: 9_000, held: 1_000, pendingIn: 0 });
  });

  it('replays the original bytes even after the account moved on', async () => {
    const id = freshId();
    await seed.ready(id, 10_000);
    const key = randomUUID();
    const request = () =>
      t
        .as('operator')
        .post(
          `/accounts/${id}/refunds`,
          { refundId: 'rf-a', amount: 1_000, reason: 'other', note: 'n' },
          key,
        );
    const original = await request();
    await t.as('approver').post(`/accounts/${id}/refunds/rf-a/approve`, {}).expect(200);
    t.clock.advanceHours(3);
    await t.as('system').post(`/accounts/${id}/refunds/rf-a/payout-succeeded`, {}).expect(202);
    const replay = await request();
    expect(replay.status).toBe(201);
    expect(replay.text).toBe(original.text);
    expect(replay.body.status).toBe('requested');
  });

  it('does not remember refusals: the same key works once the request can succeed', async () => {
    const id = freshId();
    await seed.ready(id, 1_000);
    const key = randomUUID();
    const body = { refundId: 'rf-later', amount: 5_000, reason: 'price_change' };
    const refused = await t.as('operator').post(`/accounts/${id}/refunds`, body, key);
    expect([refused.status, refused.body.code]).toEqual([422, 'INSUFFICIENT_FUNDS']);
    await seed.fund(id, 10_000, 'more');
    const accepted = await t.as('operator').post(`/accounts/${id}/refunds`, body, key);
    expect(accepted.status).toBe(201);
    expect(accepted.headers['idempotent-replayed']).toBeUndefined();
  });

  it('scopes keys by caller: another actor’s identical key is a different request', async () => {
    const id = freshId();
    await seed.ready(id, 10_000);
    const key = 'shared-key-1';
    await t
      .as('operator')
      .post(
        `/accounts/${id}/refunds`,
        { refundId: 'r1', amount: 10, reason: 'other', note: 'a' },
        key,
      )
      .expect(201);
    const other = await t
      .as('operator2')
      .post(
        `/accounts/${id}/refunds`,
        { refundId: 'r2', amount: 10, reason: 'other', note: 'b' },
        key,
      );
    expect(other.status).toBe(201);
  });

  it('derives omitted ids from the key, so a retry lands on the same entity', async () => {
    const key = randomUUID();
    const body = { ownerName: 'Derived', ownerEmail: 'd@example.com', currency: 'GBP' };
    const first = await t.as('operator').post('/accounts', body, key).expect(201);
    const again = await t.as('operator').post('/accounts', body, key).expect(201);
    expect(again.text).toBe(first.text);
    expect(first.body.accountId).toMatch(/^acc-[0-9a-f]{24}$/);
  });
});

describe('replay after a restart [sqlite]', () => {
  it('answers the same bytes from a new process over the same file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'aos-restart-'));
    const options = {
      store: `sqlite:${join(dir, 'api.db')}`,
      apiKeys: testApiKeys(),
      cardFingerprintSecret: CARD_SECRET,
      clock: new FakeClock(START),
      deadlines: false as const,
      log: { destination: { write: () => undefined } },
    };
    const body = {
      accountId: 'acc-restart',
      ownerName: 'R',
      ownerEmail: 'r@example.com',
      currency: 'EUR',
    };
    const send = (server: Server) =>
      new ApiClient(server, `Bearer ${keyOf('operator')}`).post('/accounts', body, 'restart-key');
    try {
      const first = await createApiApp(options);
      const original = await send(first.getHttpServer() as Server);
      await first.close();
      const second = await createApiApp(options);
      const replay = await send(second.getHttpServer() as Server);
      await second.close();
      expect([replay.status, replay.text]).toEqual([201, original.text]);
      expect(replay.headers['idempotent-replayed']).toBe('true');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
