import request from 'supertest';
import { CONTENT_SECURITY_POLICY } from '../src/http/security-headers';
import { keyOf } from './support/actors';
import { freshId, startTestApi, type TestApi } from './support/test-api';

const CSP =
  "default-src 'self';script-src 'self';script-src-attr 'none';style-src 'self' 'unsafe-inline';" +
  "img-src 'self' data:;font-src 'self' data:;connect-src 'self';object-src 'none';" +
  "base-uri 'self';form-action 'self';frame-ancestors 'none'";

function expectSecurityHeaders(headers: Record<string, string>): void {
  expect(headers['content-security-policy']).toBe(CSP);
  expect(headers).toMatchObject({
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'referrer-policy': 'no-referrer',
    'cross-origin-opener-policy': 'same-origin',
    'cross-origin-resource-policy': 'same-origin',
    'strict-transport-security': expect.stringMatching(/^max-age=\d+/),
  });
  expect(headers['x-powered-by']).toBeUndefined();
}

// Headers come from middleware in front of every route: one backend is enough.
describe('security headers and CORS', () => {
  describe('by default', () => {
    let t: TestApi;
    beforeAll(async () => {
      t = await startTestApi('sqlite');
    });
    afterAll(() => t.close());

    it('sends the CSP the console and Swagger UI need, with helmet’s headers, on every answer', async () => {
      expect(CONTENT_SECURITY_POLICY['script-src']).toEqual(["'self'"]);
      const answers = [
        await t.as('auditor').get('/accounts/nobody').expect(404),
        await t.as('operator').post('/accounts', {}).expect(400),
        await request(t.server).get('/accounts/x').expect(401),
        await request(t.server).get('/no/such/route').expect(404),
        await request(t.server).get('/health').expect(200),
        await request(t.server).get('/docs').expect(200),
      ];
      for (const res of answers) expectSecurityHeaders(res.headers);
      // API answers carry account data: never cached.
      expect(answers[0]!.headers['cache-control']).toBe('no-store');
    });

    it('serves Swagger UI under the CSP: no inline script, every asset from this origin', async () => {
      const page = await request(t.server).get('/docs').redirects(1).expect(200);
      expect(page.headers['content-type']).toMatch(/^text\/html/);
      const scripts = [...page.text.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)];
      expect(scripts.length).toBeGreaterThanOrEqual(3);
      const assets: string[] = [];
      for (const [, attributes, body] of scripts) {
        expect(body!.trim()).toBe(''); // an inline script would be blocked by script-src 'self'
        const src = /src=["']([^"']+)["']/.exec(attributes!)?.[1];
        expect(src).toBeDefined();
        assets.push(src!);
      }
      assets.push(...[...page.text.matchAll(/<link[^>]+href=["']([^"']+)["']/g)].map((m) => m[1]!));
      for (const asset of assets) {
        expect(asset).not.toMatch(/^(https?:)?\/\//); // same origin only
        // Resolved as a browser does, against the page's URL.
        const url = new URL(asset, 'http://api.test/docs');
        expect(url.host).toBe('api.test');
        const res = await request(t.server).get(url.pathname).expect(200);
        expect(res.headers['content-type']).toMatch(/javascript|css|image/);
      }
      const init = await request(t.server).get('/docs/swagger-ui-init.js').expect(200);
      expect(init.text).toContain('"operationId": "openAccount"');
      expect(init.text).toContain('"validatorUrl": null');
    });

    it('sends no CORS header: a page of another origin can read nothing', async () => {
      const read = await t
        .as('auditor')
        .get('/accounts/nobody')
        .set('Origin', 'https://ops.example.com')
        .expect(404);
      expect(read.headers['access-control-allow-origin']).toBeUndefined();
      const preflight = await request(t.server)
        .options('/accounts')
        .set('Origin', 'https://ops.example.com')
        .set('Access-Control-Request-Method', 'POST')
        .set('Access-Control-Request-Headers', 'authorization,idempotency-key,content-type');
      expect(preflight.status).toBe(404);
      expect(Object.keys(preflight.headers).filter((h) => h.startsWith('access-control-'))).toEqual(
        [],
      );
    });
  });

  describe('with ACCOUNT_OPS_CORS_ORIGINS', () => {
    let t: TestApi;
    beforeAll(async () => {
      t = await startTestApi('sqlite', { corsOrigins: ['https://ops.example.com'] });
    });
    afterAll(() => t.close());

    it('answers a preflight from an allowed origin with the API’s methods and headers', async () => {
      const res = await request(t.server)
        .options('/accounts')
        .set('Origin', 'https://ops.example.com')
        .set('Access-Control-Request-Method', 'POST')
        .set('Access-Control-Request-Headers', 'authorization,idempotency-key,content-type')
        .expect(204);
      expect(res.headers).toMatchObject({
        'access-control-allow-origin': 'https://ops.example.com',
        'access-control-allow-methods': 'GET,POST,PUT,DELETE',
        'access-control-max-age': '600',
        vary: expect.stringContaining('Origin'),
      });
      expect(res.headers['access-control-allow-headers']).toMatch(
        /Authorization.*Content-Type.*Idempotency-Key.*X-Step-Up-Code/,
      );
      expect(res.headers['access-control-allow-credentials']).toBeUndefined();
    });

    it('lets an allowed origin read answers and their headers, and nobody else', async () => {
      const allowed = await request(t.server)
        .post('/accounts')
        .set('Origin', 'https://ops.example.com')
        .set('Authorization', `Bearer ${keyOf('operator')}`)
        .set('Idempotency-Key', freshId('k'))
        .send({
          accountId: freshId(),
          ownerName: 'C',
          ownerEmail: 'c@example.com',
          currency: 'EUR',
        })
        .expect(201);
      expect(allowed.headers['access-control-allow-origin']).toBe('https://ops.example.com');
      expect(allowed.headers['access-control-expose-headers']).toMatch(
        /X-Request-Id.*Idempotent-Replayed.*Retry-After/,
      );
      for (const origin of [
        'https://evil.example',
        'https://ops.example.com.evil.example',
        'null',
      ]) {
        const refused = await t.as('auditor').get('/accounts/nobody').set('Origin', origin);
        expect(refused.headers['access-control-allow-origin']).toBeUndefined();
      }
    });
  });
});
