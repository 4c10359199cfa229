import { randomUUID } from 'node:crypto';
import { isWrite, ROUTE_NAMES, ROUTES } from '../src/routes/route-table';
import { NO_KEY } from './support/client';
import { seeder, type Seeder } from './support/seed';
import { nextOperatorCode } from './support/step-up';
import { BACKENDS, freshId, startTestApi, type TestApi } from './support/test-api';
import { WRITE_CASES, type WriteCase } from './support/write-cases';

describe.each(BACKENDS)('write endpoints [%s]', (backend) => {
  let t: TestApi;
  let seed: Seeder;
  beforeAll(async () => {
    t = await startTestApi(backend);
    seed = seeder(t);
  });
  afterAll(() => t.close());

  const version = async (id: string) => (await t.ops.load(id)).version;

  async function prepared(c: WriteCase): Promise<string> {
    const id = freshId();
    await c.setup(seed, id);
    return id;
  }

  const call = async (
    c: WriteCase,
    path: string,
    body: unknown,
    key: string | null = randomUUID(),
  ) => {
    const request = t.as(c.by).send(ROUTES[c.route].method, path, body, key);
    return c.secondFactor ? request.set('X-Step-Up-Code', await nextOperatorCode(t)) : request;
  };

  it('has a case for every write route', () => {
    // PUT …/limits always needs the admin's second factor: top-up-limits.e2e-spec.ts.
    const writes = ROUTE_NAMES.filter((name) => isWrite(ROUTES[name]) && name !== 'setTopUpLimits');
    expect(WRITE_CASES.map((c) => c.route).sort()).toEqual(writes.sort());
  });

  describe.each(WRITE_CASES.map((c) => [c.route, c] as const))('%s', (_name, c) => {
    const route = ROUTES[c.route];

    it(`answers ${route.status}, replays byte for byte and refuses the key elsewhere (422)`, async () => {
      const id = await prepared(c);
      const key = randomUUID();
      const first = await call(c, c.path(id), c.body?.(id), key);
      expect({ status: first.status, body: first.body }).toMatchObject({ status: route.status });
      expect(first.headers['content-type']).toMatch(/^application\/json/);
      c.expect(first.body);
      const after = await version(id);

      const replay = await call(c, c.path(id), c.body?.(id), key);
      expect(replay.status).toBe(first.status);
      expect(replay.text).toBe(first.text);
      expect(replay.headers['idempotent-replayed']).toBe('true');
      expect(await version(id)).toBe(after);

      const other = freshId();
      const reused = await call(c, c.path(other), c.body?.(other), key);
      expect(reused.status).toBe(422);
      expect(reused.body).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED', status: 422 });
      expect(reused.headers['content-type']).toMatch(/^application\/problem\+json/);
    });

    it('refuses each invalid request with a 400 naming the field, and writes nothing', async () => {
      const id = await prepared(c);
      const before = await version(id);
      for (const bad of c.invalid) {
        const res = await call(c, (bad.path ?? c.path)(id), bad.body);
        expect({ body: bad.body, status: res.status, code: res.body.code }).toEqual({
          body: bad.body,
          status: 400,
          code: bad.code ?? 'VALIDATION_FAILED',
        });
        expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(bad.field);
      }
      expect(await version(id)).toBe(before);
    });

    it('needs an Idempotency-Key', async () => {
      const id = await prepared(c);
      const res = await call(c, c.path(id), c.body?.(id), NO_KEY);
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('IDEMPOTENCY_KEY_REQUIRED');
      const bad = await call(c, c.path(id), c.body?.(id), 'has spaces in it');
      expect(bad.status).toBe(400);
      expect(bad.body.errors).toEqual([{ field: 'Idempotency-Key', reason: expect.any(String) }]);
    });

    it(`answers ${c.again.status} ${c.again.code ?? ''} when sent again under a new key`, async () => {
      const id = await prepared(c);
      expect((await call(c, c.path(id), c.body?.(id))).status).toBe(route.status);
      const again = await call(c, c.path(id), c.body?.(id));
      expect({ status: again.status, body: again.body }).toMatchObject({ status: c.again.status });
      if (c.again.code) expect(again.body.code).toBe(c.again.code);
    });

    if (c.route !== 'openAccount') {
      it('answers 404 ACCOUNT_NOT_FOUND for an unknown account', async () => {
        const id = freshId('ghost');
        const res = await call(c, c.path(id), c.body?.(id));
        expect(res.status).toBe(404);
        expect(res.body.code).toBe('ACCOUNT_NOT_FOUND');
      });
    }

    if (c.missing) {
      const missing = c.missing;
      it(`answers 404 ${missing.code} for an unknown entity`, async () => {
        const id = await prepared(c);
        const res = await call(c, missing.path(id), c.body?.(id));
        expect(res.status).toBe(404);
        expect(res.body.code).toBe(missing.code);
      });
    }
  });
});
