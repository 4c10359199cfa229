import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { keyOf } from './support/actors';
import { faultyStore } from './support/faulty-store';
import { seeder } from './support/seed';
import { freshId, startTestApi, type TestApi } from './support/test-api';

const PROBLEM = /^application\/problem\+json/;

describe('HTTP errors as problems', () => {
  let t: TestApi;
  let id: string;
  beforeAll(async () => {
    t = await startTestApi('sqlite');
    id = freshId();
    await seeder(t).open(id);
  });
  afterAll(() => t.close());

  const raw = (body: string, type = 'application/json') =>
    request(t.server)
      .post(`/accounts/${id}/top-ups`)
      .set('Authorization', `Bearer ${keyOf('system')}`)
      .set('Idempotency-Key', `k-${randomUUID()}`)
      .set('Content-Type', type)
      .send(body);

  it('answers malformed JSON with 400 MALFORMED_JSON without quoting the body', async () => {
    const res = await raw('{"amount": 12, "paymentReference": "secret-ref"');
    expect([res.status, res.body.code]).toEqual([400, 'MALFORMED_JSON']);
    expect(res.headers['content-type']).toMatch(PROBLEM);
    expect(res.text).not.toContain('secret-ref');
  });

  it.each(['"a string"', 'null', '42', '[1, 2]'])(
    'answers the JSON value %s with a 400',
    async (body) => {
      const res = await raw(body);
      expect(res.status).toBe(400);
      expect(['MALFORMED_JSON', 'VALIDATION_FAILED']).toContain(res.body.code);
    },
  );

  it('answers a body over 16 kB with 413 PAYLOAD_TOO_LARGE', async () => {
    const res = await raw(JSON.stringify({ topUpId: 't', note: 'x'.repeat(17 * 1024) }));
    expect([res.status, res.body.code]).toEqual([413, 'PAYLOAD_TOO_LARGE']);
    expect(res.headers['content-type']).toMatch(PROBLEM);
  });

  it('answers a non-JSON body with 415 instead of ignoring it', async () => {
    const res = await raw('amount=5', 'application/x-www-form-urlencoded');
    expect([res.status, res.body.code]).toEqual([415, 'UNSUPPORTED_MEDIA_TYPE']);
  });

  it.each([
    ['GET', '/nowhere'],
    ['POST', `/accounts/x/teleport`],
    ['PATCH', `/accounts/x`],
    ['GET', '/accounts'],
  ])(
    'answers an unknown route %s %s with 404 ROUTE_NOT_FOUND, key or not',
    async (method, path) => {
      const res = await request(t.server)[method.toLowerCase() as 'get'](path);
      expect([res.status, res.body.code]).toEqual([404, 'ROUTE_NOT_FOUND']);
      expect(res.headers['content-type']).toMatch(PROBLEM);
    },
  );

  it('answers a broken percent-encoding with a 400 that does not echo it', async () => {
    const res = await t.as('auditor').get('/accounts/%E0%A4%A/events');
    expect(res.status).toBe(400);
    expect(res.text).not.toContain('%E0');
  });

  it('gives every problem the RFC 9457 members', async () => {
    const res = await raw('{');
    expect(Object.keys(res.body).sort()).toEqual(['code', 'detail', 'status', 'title', 'type']);
    expect(res.body.type).toBe('urn:account-ops:problem:malformed-json');
  });
});

describe('unexpected errors', () => {
  let t: TestApi;
  beforeAll(async () => {
    const store = faultyStore({ readStream: (streamId) => streamId === 'account-boom' });
    t = await startTestApi('sqlite', { store });
  });
  afterAll(() => t.close());

  it('answers 500 INTERNAL_ERROR with a generic detail, and logs the error with its stack', async () => {
    const res = await t.as('auditor').get('/accounts/boom/events').set('X-Request-Id', 'trace-500');
    expect([res.status, res.body.code]).toEqual([500, 'INTERNAL_ERROR']);
    expect(res.headers['content-type']).toMatch(PROBLEM);
    expect(res.text).not.toMatch(/hunter2|ECONNREFUSED|10\.0\.0\.7|at /);
    const logged = t.logs.map((l) => JSON.parse(l) as Record<string, any>); // eslint-disable-line @typescript-eslint/no-explicit-any
    const entry = logged.find((l) => l.msg === 'unexpected error');
    expect(entry).toMatchObject({
      level: 'error',
      reqId: 'trace-500',
      err: { message: expect.stringContaining('ECONNREFUSED') },
    });
    expect(entry!.err.stack).toContain('faulty-store');
  });
});
