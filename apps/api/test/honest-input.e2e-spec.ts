import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { keyOf } from './support/actors';
import { seeder } from './support/seed';
import { freshId, startTestApi, type TestApi } from './support/test-api';

describe('honest input', () => {
  let t: TestApi;
  let id: string;
  beforeAll(async () => {
    t = await startTestApi('sqlite');
    id = freshId();
    await seeder(t).ready(id, 10_000);
  });
  afterAll(() => t.close());

  const raw = (path: string, body: string) =>
    request(t.server)
      .post(path)
      .set('Authorization', `Bearer ${keyOf('operator')}`)
      .set('Idempotency-Key', randomUUID())
      .set('Content-Type', 'application/json')
      .send(body);

  it('a body repeating a key is 400 and writes nothing (JSON.parse would take the last)', async () => {
    const before = (await t.as('auditor').get(`/accounts/${id}`)).body.version;
    for (const body of [
      '{"refundId":"r-dup","amount":1,"amount":2,"reason":"duplicate_charge"}',
      '{"refundId":"r-dup","\\u0061mount":1,"amount":2,"reason":"duplicate_charge"}',
    ]) {
      const res = await raw(`/accounts/${id}/refunds`, body);
      expect({ status: res.status, code: res.body.code, errors: res.body.errors }).toEqual({
        status: 400,
        code: 'VALIDATION_FAILED',
        errors: [{ field: 'body', reason: 'must not repeat a key within an object' }],
      });
    }
    expect((await t.as('auditor').get(`/accounts/${id}`)).body.version).toBe(before);
    // The same body without the repetition is taken.
    const ok = await raw(
      `/accounts/${id}/refunds`,
      '{"refundId":"r-dup","amount":2,"reason":"duplicate_charge"}',
    );
    expect(ok.status).toBe(201);
  });

  it.each(['.', '..', '...'])('the id %j is 400, in a body and in a path', async (dots) => {
    const open = await t.as('operator').post('/accounts', {
      accountId: dots,
      ownerName: 'Ada',
      ownerEmail: 'ada@example.com',
      currency: 'EUR',
    });
    expect({ status: open.status, code: open.body.code }).toEqual({
      status: 400,
      code: 'VALIDATION_FAILED',
    });
    const refund = await t
      .as('operator')
      .post(`/accounts/${id}/refunds`, { refundId: dots, amount: 1, reason: 'duplicate_charge' });
    expect(refund.status).toBe(400);
    const read = await t.as('auditor').get(`/accounts/${encodeURIComponent(dots)}/balance`);
    expect(read.status).toBe(400);
  });

  it.each([
    ['a right-to-left override', 'refund EUR 0.01 \u202eko 0001 RUE\u202c'],
    ['an isolate', 'see \u2066note\u2069'],
    ['a zero-width space', 'ap\u200bproved'],
    ['a lone surrogate', 'half \ud800 a character'],
  ])('a note with %s is 400 and writes nothing', async (_label, note) => {
    const before = (await t.as('auditor').get(`/accounts/${id}`)).body.version;
    const res = await t.as('operator').post(`/accounts/${id}/refunds`, {
      refundId: freshId('r'),
      amount: 1,
      reason: 'other',
      note,
    });
    expect({ status: res.status, code: res.body.code }).toEqual({
      status: 400,
      code: 'VALIDATION_FAILED',
    });
    expect((await t.as('auditor').get(`/accounts/${id}`)).body.version).toBe(before);
  });
});

describe('/health compares this clock with the database server’s', () => {
  it('reports the offset on PostgreSQL and goes down past the threshold', async () => {
    let skewMs = 0;
    const t = await startTestApi('postgres', {
      clockCheck: { maxOffsetMs: 60_000, processClock: () => Date.now() + skewMs },
    });
    try {
      const ok = await request(t.server).get('/health');
      expect(ok.status).toBe(200);
      expect(ok.body.details.clock).toMatchObject({ status: 'up', maxOffsetMs: 60_000 });
      expect(Math.abs(ok.body.details.clock.offsetMs)).toBeLessThan(60_000);
      skewMs = -3_600_000; // this host's clock stepped back an hour
      const down = await request(t.server).get('/health');
      expect(down.status).toBe(503);
      expect(down.body.code).toBe('NOT_READY');
      expect(down.body.details.details.clock).toMatchObject({ status: 'down' });
      expect(down.body.details.details.clock.offsetMs).toBeGreaterThan(3_500_000);
    } finally {
      await t.close();
    }
  });

  it('an embedded SQLite store shares this clock: nothing to compare', async () => {
    const t = await startTestApi('sqlite');
    try {
      const res = await request(t.server).get('/health');
      expect(res.body.details.clock).toMatchObject({ status: 'up', database: 'embedded' });
    } finally {
      await t.close();
    }
  });
});
