import request from 'supertest';
import { ROUTE_NAMES, ROUTES, isWrite } from '../src/routes/route-table';
import { keyOf } from './support/actors';
import { faultyStore } from './support/faulty-store';
import { seeder } from './support/seed';
import { BACKENDS, freshId, startTestApi, type TestApi } from './support/test-api';

type LogLine = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe.each(BACKENDS)('health, metrics, logs and OpenAPI [%s]', (backend) => {
  let t: TestApi;
  beforeAll(async () => {
    t = await startTestApi(backend);
  });
  afterAll(() => t.close());

  it('GET /health reports the process and the store’s head position', async () => {
    const res = await request(t.server).get('/health').expect(200);
    expect(res.body).toMatchObject({
      status: 'ok',
      info: {
        process: { status: 'up' },
        store: { status: 'up', headPosition: expect.any(String) },
      },
    });
  });

  it('GET /metrics counts requests by route template and status, and commands by outcome', async () => {
    const id = freshId();
    await t
      .as('operator')
      .post('/accounts', {
        accountId: id,
        ownerName: 'M',
        ownerEmail: 'm@example.com',
        currency: 'EUR',
      })
      .expect(201);
    await t
      .as('operator')
      .post('/accounts', {
        accountId: id,
        ownerName: 'M',
        ownerEmail: 'm@example.com',
        currency: 'EUR',
      })
      .expect(409);
    await t.as('auditor').get(`/accounts/${id}`).expect(200);
    const res = await request(t.server).get('/metrics').expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    expect(res.text).toMatch(
      /http_requests_total\{method="POST",route="\/accounts",status="201"\} [1-9]/,
    );
    expect(res.text).toMatch(
      /http_requests_total\{method="GET",route="\/accounts\/:id",status="200"\} [1-9]/,
    );
    expect(res.text).toMatch(
      /http_request_duration_seconds_bucket\{le="0.1",method="GET",route="\/accounts\/:id",status="200"\}/,
    );
    expect(res.text).toMatch(/account_ops_commands_total\{type="OpenAccount",outcome="ok"\} [1-9]/);
    expect(res.text).toMatch(
      /account_ops_commands_total\{type="OpenAccount",outcome="ACCOUNT_ALREADY_EXISTS"\} 1/,
    );
    expect(res.text).not.toContain(id); // ids never become labels
  });

  it('logs one JSON line per request with the request id and actor, never the key or the code', async () => {
    const id = freshId();
    await seeder(t).open(id);
    const res = await t
      .as('auditor')
      .get(`/accounts/${id}`)
      .set('X-Request-Id', 'trace-abc-123')
      .set('X-Step-Up-Code', '123456')
      .expect(200);
    expect(res.headers['x-request-id']).toBe('trace-abc-123');
    const lines = t.logs.map((l) => JSON.parse(l) as LogLine);
    const line = lines.find((l) => l.reqId === 'trace-abc-123' && l.res);
    expect(line).toMatchObject({
      level: 'info',
      actorId: 'au-1',
      req: { method: 'GET', url: `/accounts/${id}` },
      res: { statusCode: 200 },
    });
    expect(typeof line!.responseTime).toBe('number');
    const all = t.logs.join('');
    expect(all).not.toContain(keyOf('auditor'));
    expect(all).not.toContain('123456');
  });

  it('logs the route and the query’s parameter names, never a query value', async () => {
    const id = freshId();
    const email = 'ada.query@example.com';
    const res = await t
      .as('auditor')
      .get(`/audit?accountId=${id}&limit=5&api_key=${keyOf('admin')}&${keyOf('system')}=${email}`)
      .set('X-Request-Id', 'query-redaction-1')
      .expect(400); // api_key is not a query parameter of /audit
    expect(res.body.code).toBe('VALIDATION_FAILED');
    const line = t.logs
      .map((l) => JSON.parse(l) as LogLine)
      .find((l) => l.reqId === 'query-redaction-1' && l.res);
    expect(line!.req.url).toBe(
      '/audit?accountId=[redacted]&limit=[redacted]&[redacted]=[redacted]&[redacted]=[redacted]',
    );
    const all = t.logs.join('');
    for (const secret of [id, email, keyOf('admin'), keyOf('system')]) {
      expect(all).not.toContain(secret);
    }
  });

  it('generates a request id when none (or a malformed one) is sent', async () => {
    const res = await t
      .as('auditor')
      .get('/accounts/none')
      .set('X-Request-Id', 'bad id with spaces');
    expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const warn = t.logs
      .map((l) => JSON.parse(l) as LogLine)
      .find((l) => l.reqId === res.headers['x-request-id']);
    expect(warn).toMatchObject({ level: 'warn', res: { statusCode: 404 } });
  });

  it('serves Swagger UI at /docs and an OpenAPI document covering every route', async () => {
    expect((await request(t.server).get('/docs').expect(200)).headers['content-type']).toMatch(
      /html/,
    );
    const doc = (await request(t.server).get('/docs/openapi.json').expect(200)).body;
    expect(doc.components.securitySchemes['api-key']).toMatchObject({
      type: 'http',
      scheme: 'bearer',
    });
    for (const name of ROUTE_NAMES) {
      const route = ROUTES[name];
      const path = route.path.replace(/:(\w+)/g, '{$1}');
      const operation = doc.paths[path]?.[route.method.toLowerCase()];
      expect({ name, found: operation?.operationId }).toEqual({ name, found: name });
      const headers = (operation.parameters ?? [])
        .filter((p: { in: string }) => p.in === 'header')
        .map((p: { name: string }) => p.name);
      if (isWrite(route)) expect(headers).toContain('Idempotency-Key');
      if (route.stepUp) expect(headers).toContain('X-Step-Up-Code');
      if (route.roles !== 'public') {
        expect(operation.security).toEqual([{ 'api-key': [] }]);
        expect(operation.responses['429'].headers['Retry-After']).toBeDefined();
      }
      if (isWrite(route)) expect(operation.responses['503'].description).toMatch(/OVERLOADED/);
    }
    const open = doc.paths['/accounts'].post;
    expect(open.requestBody.content['application/json'].schema.$ref).toBe(
      '#/components/schemas/OpenAccountDto',
    );
    expect(doc.components.schemas.InitiateTopUpDto.properties.amount).toMatchObject({
      type: 'number',
      minimum: 1,
      example: 50_000,
    });
    expect(doc.components.schemas.ProblemSchema.required).toEqual(
      expect.arrayContaining(['type', 'title', 'status', 'detail', 'code']),
    );
  });
});

describe('GET /health when the store does not answer', () => {
  let t: TestApi;
  beforeAll(async () => {
    t = await startTestApi('sqlite', { store: faultyStore({ headPosition: () => true }) });
  });
  afterAll(() => t.close());

  it('answers 503 NOT_READY with the failing check, without the error’s text', async () => {
    const res = await request(t.server).get('/health').expect(503);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({
      code: 'NOT_READY',
      details: { error: { store: { status: 'down' } } },
    });
    expect(res.text).not.toContain('hunter2');
  });
});
