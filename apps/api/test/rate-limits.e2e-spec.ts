import request from 'supertest';
import { accountStreamId } from '@account-ops/engine';
import { parseApiKeys } from '../src/auth/api-keys';
import { DEFAULT_RATE_LIMITS } from '../src/limits/rate-limits';
import { keyOf, testApiKeys } from './support/actors';
import { seeder } from './support/seed';
import { freshId, startTestApi, type TestApi } from './support/test-api';

type LogLine = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

// A second key of the auditor's actor: keys of one actor share its budget.
const SECOND_AUDITOR_KEY = 'second-auditor-key-0123456789';
const apiKeys = () => [...testApiKeys(), ...parseApiKeys(`${SECOND_AUDITOR_KEY}=au-1:auditor`)];

// Rate limits do not depend on the store: one backend is enough.
describe('rate limits', () => {
  describe('per API key (3 per 10 s) and per address without a valid key (2 per 60 s)', () => {
    let t: TestApi;
    let id: string;
    beforeEach(async () => {
      t = await startTestApi('sqlite', {
        apiKeys: apiKeys(),
        rateLimits: {
          perKey: { limit: 3, windowMs: 10_000 },
          perAddress: { limit: 2, windowMs: 60_000 },
        },
      });
      id = freshId();
      await seeder(t).open(id);
    });
    afterEach(() => t.close());

    it('answers 429 RATE_LIMITED with Retry-After past the limit, across routes, until the window ends', async () => {
      const first = await t.as('auditor').get(`/accounts/${id}`).expect(200);
      expect(first.headers).toMatchObject({
        'x-ratelimit-limit': '3',
        'x-ratelimit-remaining': '2',
        'x-ratelimit-reset': '10',
      });
      t.clock.advance(4_000);
      await t.as('auditor').get(`/audit?accountId=${id}`).expect(200);
      await t.as('auditor').get(`/accounts/${id}/events`).expect(200);
      const refused = await t.as('auditor').get(`/accounts/${id}`).expect(429);
      expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(refused.headers['retry-after']).toBe('6');
      expect(refused.body).toEqual({
        type: 'urn:account-ops:problem:rate-limited',
        title: 'Too Many Requests',
        status: 429,
        code: 'RATE_LIMITED',
        detail: expect.stringContaining('Retry-After'),
        details: { scope: 'key', limit: 3, windowSeconds: 10, retryAfterSeconds: 6 },
      });
      // The actor's other key shares the budget; another actor has its own.
      await request(t.server)
        .get(`/accounts/${id}`)
        .set('Authorization', `Bearer ${SECOND_AUDITOR_KEY}`)
        .expect(429);
      await t.as('operator').get(`/accounts/${id}`).expect(200);
      t.clock.advance(6_000);
      await t.as('auditor').get(`/accounts/${id}`).expect(200);
    });

    it('refuses a write over the limit before it runs; its retry with the same key runs once', async () => {
      const body = { topUpId: 'tu-1', amount: 100, method: 'card', paymentReference: 'r-1' };
      for (let i = 0; i < 3; i++) await t.as('system').get(`/health`).expect(200); // not counted
      await t.as('system').post(`/accounts/${id}/top-ups/none/settle`).expect(404);
      await t.as('system').post(`/accounts/${id}/top-ups`, body, 'tu-key').expect(201);
      await t.as('system').post(`/accounts/${id}/top-ups`, body, 'tu-key').expect(201); // a replay
      const events = async () => (await t.store.readStream(accountStreamId(id))).length;
      const before = await events();
      await t.as('system').post(`/accounts/${id}/top-ups`, body, 'tu-key-2').expect(429);
      expect(await events()).toBe(before);
      t.clock.advance(10_000);
      const replay = await t.as('system').post(`/accounts/${id}/top-ups`, body, 'tu-key');
      expect(replay.status).toBe(201);
      expect(replay.headers['idempotent-replayed']).toBe('true');
      expect(await events()).toBe(before);
    });

    it('limits requests without a valid key per address, before they are refused, for a whole window', async () => {
      const guess = (key?: string) => {
        const pending = request(t.server).get(`/accounts/${id}`);
        return key === undefined ? pending : pending.set('Authorization', `Bearer ${key}`);
      };
      await guess('guess-0000000000000001').expect(401);
      await guess().expect(401);
      const refused = await guess('guess-0000000000000003').expect(429);
      expect(refused.body).toMatchObject({
        code: 'RATE_LIMITED',
        details: { scope: 'address', limit: 2, windowSeconds: 60, retryAfterSeconds: 60 },
      });
      expect(refused.headers['retry-after']).toBe('60');
      // A valid key from the same address is counted on its own.
      await t.as('auditor').get(`/accounts/${id}`).expect(200);
      t.clock.advance(59_000);
      await guess('guess-0000000000000004').expect(429);
      t.clock.advance(1_000);
      await guess('guess-0000000000000005').expect(401);
    });

    it('never limits /health and /metrics', async () => {
      for (let i = 0; i < 10; i++) {
        await request(t.server).get('/health').expect(200);
        await request(t.server).get('/metrics').expect(200);
      }
    });

    it('logs the refusal with the actor, never the key', async () => {
      for (let i = 0; i < 4; i++)
        await t.as('auditor').get(`/accounts/${id}`).set('X-Request-Id', `rl-${i}`);
      const line = t.logs
        .map((l) => JSON.parse(l) as LogLine)
        .find((l) => l.reqId === 'rl-3' && l.res);
      expect(line).toMatchObject({ level: 'warn', actorId: 'au-1', res: { statusCode: 429 } });
      expect(t.logs.join('')).not.toContain(keyOf('auditor'));
      const metrics = await request(t.server).get('/metrics').expect(200);
      expect(metrics.text).toMatch(
        /http_requests_total\{method="GET",route="\/accounts\/:id",status="429"\} 1/,
      );
    });
  });

  it('applies the production defaults unless told otherwise, and nothing when turned off', async () => {
    const defaults = await startTestApi('sqlite', { rateLimits: undefined });
    try {
      const id = freshId();
      await seeder(defaults).open(id);
      const res = await defaults.as('auditor').get(`/accounts/${id}`).expect(200);
      expect(DEFAULT_RATE_LIMITS.perKey).toEqual({ limit: 300, windowMs: 10_000 });
      expect(res.headers['x-ratelimit-limit']).toBe('300');
      const anonymous = await request(defaults.server).get(`/accounts/${id}`).expect(401);
      expect(anonymous.headers['x-ratelimit-limit']).toBe('30');
    } finally {
      await defaults.close();
    }
    const off = await startTestApi('sqlite', { rateLimits: false });
    try {
      const res = await off.as('auditor').get('/accounts/nobody').expect(404);
      expect(res.headers['x-ratelimit-limit']).toBeUndefined();
    } finally {
      await off.close();
    }
  });

  it('tells clients apart by X-Forwarded-For only behind the configured proxies', async () => {
    const limits = { perKey: false as const, perAddress: { limit: 1, windowMs: 60_000 } };
    const from = (t: TestApi, address: string) =>
      request(t.server).get('/accounts/x').set('X-Forwarded-For', address);
    const direct = await startTestApi('sqlite', { rateLimits: limits });
    try {
      await from(direct, '203.0.113.1').expect(401);
      await from(direct, '203.0.113.2').expect(429); // a forged header changes nothing
    } finally {
      await direct.close();
    }
    const proxied = await startTestApi('sqlite', { rateLimits: limits, trustProxyHops: 1 });
    try {
      await from(proxied, '203.0.113.1').expect(401);
      await from(proxied, '203.0.113.2').expect(401);
      await from(proxied, '203.0.113.1').expect(429);
    } finally {
      await proxied.close();
    }
  });
});
