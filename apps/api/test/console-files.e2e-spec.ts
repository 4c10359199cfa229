import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { get, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import request from 'supertest';
import { precompress } from '../../console/build/precompress';
import { startTestApi, type TestApi } from './support/test-api';

const INDEX =
  '<!doctype html><title>console</title><script type="module" src="/console/assets/app-1a2b.js"></script>';

// Big enough to be compressed by the build (tiny files are not).
const BIG = `export const rows = ${JSON.stringify(Array.from({ length: 400 }, (_, i) => `row ${i}`))};`;

/** A GET with node's own http client, which (unlike supertest) leaves the body encoded. */
async function rawGet(server: Server, path: string, acceptEncoding: string) {
  const listening = server.listening;
  if (!listening) await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  try {
    return await new Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }>(
      (resolve, reject) => {
        const headers = { 'Accept-Encoding': acceptEncoding };
        get({ host: '127.0.0.1', port, path, headers }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () =>
            resolve({
              status: res.statusCode ?? 0,
              headers: res.headers,
              body: Buffer.concat(chunks),
            }),
          );
        }).on('error', reject);
      },
    );
  } finally {
    if (!listening) await new Promise((done) => server.close(done));
  }
}

describe('the ops console at /console', () => {
  let t: TestApi;
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'aos-console-'));
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'index.html'), INDEX);
    writeFileSync(join(dir, 'assets', 'app-1a2b.js'), 'export {};');
    writeFileSync(join(dir, 'assets', 'big-3c4d.js'), BIG);
    precompress(dir);
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

  it('serves the build’s brotli copy to a client that accepts it, gzip to one that accepts only gzip, and says Vary: Accept-Encoding', async () => {
    // What Chromium sends: gzip listed first, no weights; the server prefers brotli.
    const br = await rawGet(t.server, '/console/assets/big-3c4d.js', 'gzip, deflate, br, zstd');
    expect(br.status).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['vary']).toMatch(/Accept-Encoding/i);
    expect(br.headers['content-type']).toMatch(/^text\/javascript/);
    expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(br.headers['content-security-policy']).toContain("script-src 'self'");
    expect(br.body.length).toBeLessThan(BIG.length / 3);
    expect(Number(br.headers['content-length'])).toBe(br.body.length);
    expect(brotliDecompressSync(br.body).toString()).toBe(BIG);

    const gz = await rawGet(t.server, '/console/assets/big-3c4d.js', 'gzip');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.body).toString()).toBe(BIG);

    const preferGzip = await rawGet(t.server, '/console/assets/big-3c4d.js', 'br;q=0.5, gzip');
    expect(preferGzip.headers['content-encoding']).toBe('gzip');
    // The page itself (a deep link answered with index.html) is negotiated the same way.
    const page = await rawGet(t.server, '/console/accounts/acc-7', 'br');
    expect(page.headers['content-type']).toMatch(/^text\/html/);
  });

  it('sends the file as it is, still with Vary, to a client that accepts no compression', async () => {
    const plain = await request(t.server)
      .get('/console/assets/big-3c4d.js')
      .set('Accept-Encoding', 'identity')
      .expect(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers['vary']).toMatch(/Accept-Encoding/i);
    expect(plain.text).toBe(BIG);
    // A small file has no compressed copy: as it is, and nothing varies.
    const small = await request(t.server)
      .get('/console/assets/app-1a2b.js')
      .set('Accept-Encoding', 'br')
      .expect(200);
    expect(small.headers['content-encoding']).toBeUndefined();
    expect(small.headers['vary'] ?? '').not.toMatch(/Accept-Encoding/i);
  });

  it('looks for compressed copies inside the build only', async () => {
    const outside = await request(t.server)
      .get('/console/assets/..%2f..%2f..%2fetc%2fpasswd')
      .set('Accept-Encoding', 'br, gzip')
      .expect(404);
    expect(outside.body.code).toBe('ROUTE_NOT_FOUND');
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
