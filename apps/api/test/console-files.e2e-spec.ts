import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { startTestApi, type TestApi } from './support/test-api';

const INDEX =
  '<!doctype html><title>console</title><script type="module" src="/console/assets/app-1a2b.js"></script>';

describe('the ops console at /console', () => {
  let t: TestApi;
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'aos-console-'));
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'index.html'), INDEX);
    writeFileSync(join(dir, 'assets', 'app-1a2b.js'), 'export {};');
    t = await startTestApi('sqlite', { console: { dir } });
  });
  afterAll(async () => {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves the page without a key, uncached, under a strict Content-Security-Policy', async () => {
    const res = await request(t.server).get('/console').expect(200);
    expect(res.text).toBe(INDEX);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.headers['cache-control']).toBe('no-cache');
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    expect(res.headers['content-security-policy']).not.toMatch(/script-src[^;]*unsafe/);
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
  });

  it.each(['/console/', '/console/accounts/acc-7', '/console/queue/acc-7/rf-1', '/console/health'])(
    'answers the deep link %s with the page, so a bookmark or a refresh loads the app',
    async (path) => {
      const res = await request(t.server).get(path).expect(200);
      expect(res.text).toBe(INDEX);
    },
  );

  it('serves hashed assets with a long cache, and a missing asset is a 404 problem, not the page', async () => {
    const asset = await request(t.server).get('/console/assets/app-1a2b.js').expect(200);
    expect(asset.headers['content-type']).toMatch(/javascript/);
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const missing = await request(t.server).get('/console/assets/gone-9z.js').expect(404);
    expect(missing.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(missing.body.code).toBe('ROUTE_NOT_FOUND');
  });

  it('leaves other methods to the API: a POST under /console is an ordinary 404', async () => {
    const res = await request(t.server).post('/console/accounts').send({}).expect(404);
    expect(res.body.code).toBe('ROUTE_NOT_FOUND');
  });

  it('counts console requests under one metrics label, not one per deep link', async () => {
    const metrics = (await request(t.server).get('/metrics').expect(200)).text;
    expect(metrics).toMatch(/http_requests_total\{method="GET",route="\/console",status="200"\}/);
    expect(metrics).not.toContain('acc-7');
  });

  it('says so when the console was not built, instead of a blank page', async () => {
    const unbuilt = await startTestApi('sqlite', { console: { dir: join(dir, 'nothing-here') } });
    try {
      const res = await request(unbuilt.server).get('/console/accounts/acc-7').expect(503);
      expect(res.body.detail).toMatch(/npm run console:build/);
    } finally {
      await unbuilt.close();
    }
  });
});
