import type { Server } from 'node:http';
import type { INestApplication } from '@nestjs/common';
import { importJWK, SignJWT } from 'jose';
import request from 'supertest';
import { PostgresEventStore } from '@account-ops/event-store';
import {
  testPgUrl,
  startTestIdentityProvider,
  TEST_ACR_MFA,
  type TestIdentityProvider,
} from '@account-ops/testing';
import { createApiApp } from '../src/app/create-api-app';
import { OidcRelyingParty, SignInFailed } from '../src/sign-in/oidc-relying-party';
import { oidcOptionsFor } from './support/oidc';
import { ProviderBrowser } from './support/provider-browser';
import { seeder } from './support/seed';
import { CARD_SECRET, freshId, startTestApi, type TestApi } from './support/test-api';

/**
 * The console's single sign-on (backend-for-frontend) against a real OpenID provider on
 * loopback: Authorization Code + PKCE, the session cookie, CSRF, timeouts on the app's
 * clock, step-up through the provider and sign-out.
 */
const PUBLIC_URL = 'http://127.0.0.1:39999'; // the API as browsers reach it (redirect URI)
const CLIENT = { clientId: 'account-ops-console', clientSecret: 'console-client-secret-for-tests' };
const CALLBACK = `${PUBLIC_URL}/auth/callback`;

/** The console's sign-in at the test provider, as the API's options take it. */
const consoleOidc = (idp: TestIdentityProvider, stepUpAcrValues?: string) => ({
  issuer: idp.issuer,
  ...CLIENT,
  publicUrl: PUBLIC_URL,
  audience: idp.audience,
  scope: 'openid profile api',
  ...(stepUpAcrValues ? { stepUpAcrValues } : {}),
});

describe('console single sign-on (BFF)', () => {
  let idp: TestIdentityProvider;
  let t: TestApi;

  beforeAll(async () => {
    idp = await startTestIdentityProvider();
    idp.registerClient({
      ...CLIENT,
      redirectUris: [CALLBACK],
      postLogoutRedirectUris: [`${PUBLIC_URL}/console/sign-in?signedOut=1`],
    });
    t = await startTestApi('sqlite', {
      oidc: oidcOptionsFor(idp, { ACCOUNT_OPS_OIDC_STEP_UP_ACR: TEST_ACR_MFA }),
      accountConfig: { refundApprovalStepUpAbove: 10_000 },
      consoleSignIn: {
        apiKeys: false,
        oidc: consoleOidc(idp, TEST_ACR_MFA),
        timeouts: { idleMinutes: 15, absoluteHours: 12 },
      },
    });
    // Provider tokens carry real times; the app's clock starts at real time too.
    t.clock.set(new Date());
  });
  afterAll(async () => {
    await t?.close();
    await idp?.close();
  });

  const cookieOf = (res: request.Response, name: string) =>
    (res.get('Set-Cookie') ?? []).find((c) => c.startsWith(`${name}=`));
  const valueOf = (cookie: string | undefined) => cookie?.split(';')[0]!.split('=')[1] ?? '';

  /** `/auth/login` → provider → the callback URL the provider sends the browser to. */
  async function startSignIn(
    query = '',
    browser = new ProviderBrowser(),
    username = 'ann',
    otp?: string,
  ) {
    const login = await request(t.server)
      .get(`/auth/login${query}`)
      .set(browserCookie(query))
      .expect(302);
    const binding = valueOf(cookieOf(login, 'aos-sign-in'));
    const back = await browser.signIn(login.headers.location!, CALLBACK, {
      username,
      ...(otp ? { otp } : {}),
    });
    return { login, binding, back, browser };
  }
  let sessionCookie = '';
  const browserCookie = (query: string) =>
    query.includes('stepUp') ? { Cookie: `aos-session=${sessionCookie}` } : {};

  async function signedIn(username = 'ann', returnTo = '/console/queue') {
    const { binding, back } = await startSignIn(
      `?returnTo=${encodeURIComponent(returnTo)}`,
      undefined,
      username,
    );
    const callback = await request(t.server)
      .get(`${back.pathname}${back.search}`)
      .set('Cookie', `aos-sign-in=${binding}`)
      .expect(303);
    const session = valueOf(cookieOf(callback, 'aos-session'));
    const me = await request(t.server)
      .get('/me')
      .set('Cookie', `aos-session=${session}`)
      .expect(200);
    return { session, csrf: me.body.signIn.csrfToken as string, me: me.body, callback, back };
  }

  it('offers single sign-on and, outside development, no API key form', async () => {
    const res = await request(t.server).get('/auth/options').expect(200);
    expect(res.body).toEqual({ singleSignOn: true, apiKey: false });
  });

  it('sends the browser to the provider with state, nonce and a PKCE S256 challenge', async () => {
    const res = await request(t.server).get('/auth/login?returnTo=/console/queue').expect(302);
    const to = new URL(res.headers.location!);
    expect(`${to.origin}`).toBe(idp.issuer);
    const q = to.searchParams;
    expect(q.get('response_type')).toBe('code');
    expect(q.get('client_id')).toBe(CLIENT.clientId);
    expect(q.get('redirect_uri')).toBe(CALLBACK);
    expect(q.get('code_challenge_method')).toBe('S256');
    expect(q.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(q.get('state')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(q.get('nonce')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(q.get('prompt')).toBeNull();
    const cookie = cookieOf(res, 'aos-sign-in')!;
    expect(cookie).toMatch(/; Path=\/; HttpOnly; SameSite=Lax; Max-Age=600$/);
  });

  it('signs a person in: session cookie (httpOnly, SameSite=Strict), no token to the browser, none logged', async () => {
    const { callback, me, session, back } = await signedIn('ann');
    expect(callback.headers.location).toBe('/console/queue');
    const cookie = cookieOf(callback, 'aos-session')!;
    // http on loopback: no Secure flag (and so no __Host- prefix); https gets both.
    expect(cookie).toBe(`aos-session=${session}; Path=/; HttpOnly; SameSite=Strict`);
    expect(me).toMatchObject({
      actorId: 'oidc-approver-1',
      roles: ['approver'],
      signIn: { method: 'single-sign-on', idleMinutes: 15 },
    });
    const everything = JSON.stringify(me) + JSON.stringify(callback.headers) + callback.text;
    expect(everything).not.toMatch(/eyJ[A-Za-z0-9_-]{10,}\./); // no JWT
    const code = back.searchParams.get('code')!;
    const logs = t.logs.join('');
    expect(logs).not.toContain(code);
    expect(logs).not.toContain(session);
    expect(logs).not.toMatch(/eyJ[A-Za-z0-9_-]{10,}\./);
  });

  it('refuses a callback whose state is not the one started in this browser', async () => {
    const { binding, back } = await startSignIn();
    back.searchParams.set('state', 'x'.repeat(43));
    const res = await request(t.server)
      .get(`${back.pathname}${back.search}`)
      .set('Cookie', `aos-sign-in=${binding}`)
      .expect(303);
    expect(res.headers.location).toBe('/console/sign-in?failure=SIGN_IN_STATE_MISMATCH');
    expect(cookieOf(res, 'aos-session')).toBeUndefined();
  });

  it('refuses a callback without the browser’s sign-in cookie (a link sent to someone else)', async () => {
    const { back } = await startSignIn();
    const res = await request(t.server).get(`${back.pathname}${back.search}`).expect(303);
    expect(res.headers.location).toBe('/console/sign-in?failure=SIGN_IN_NOT_STARTED');
  });

  it('refuses a replayed code: the same callback again, and the code with a new sign-in', async () => {
    const { binding, back } = await startSignIn();
    const path = `${back.pathname}${back.search}`;
    await request(t.server).get(path).set('Cookie', `aos-sign-in=${binding}`).expect(303);
    const again = await request(t.server)
      .get(path)
      .set('Cookie', `aos-sign-in=${binding}`)
      .expect(303);
    expect(again.headers.location).toBe('/console/sign-in?failure=SIGN_IN_NOT_STARTED');
    // A fresh sign-in in the same browser, its state, but the old (used) code.
    const fresh = await request(t.server).get('/auth/login').expect(302);
    const state = new URL(fresh.headers.location!).searchParams.get('state')!;
    const replay = new URL(back);
    replay.searchParams.set('state', state);
    const res = await request(t.server)
      .get(`${replay.pathname}${replay.search}`)
      .set('Cookie', `aos-sign-in=${valueOf(cookieOf(fresh, 'aos-sign-in'))}`)
      .expect(303);
    expect(res.headers.location).toBe('/console/sign-in?failure=SIGN_IN_FAILED');
    expect(cookieOf(res, 'aos-session')).toBeUndefined();
  });

  it('checks the ID token: signed by the provider, for this client, with this sign-in’s nonce', async () => {
    const party = new OidcRelyingParty({
      issuer: idp.issuer,
      ...CLIENT,
      publicUrl: PUBLIC_URL,
    });
    const key = idp.currentSigningKey();
    const signed = async (claims: Record<string, unknown>, alg = key.alg) =>
      new SignJWT(claims)
        .setProtectedHeader({ alg, kid: key.kid })
        .setIssuer(idp.issuer)
        .setSubject('oidc-approver-1')
        .setIssuedAt()
        .setExpirationTime('5m')
        .sign(await importJWK(key, alg));
    const good = await signed({ aud: CLIENT.clientId, nonce: 'n-1' });
    await expect(party.verifyIdToken(good, 'n-1')).resolves.toMatchObject({
      sub: 'oidc-approver-1',
    });
    await expect(party.verifyIdToken(good, 'n-2')).rejects.toThrow(SignInFailed);
    const otherClient = await signed({ aud: 'test-login', nonce: 'n-1' });
    await expect(party.verifyIdToken(otherClient, 'n-1')).rejects.toThrow(SignInFailed);
    const noNonce = await signed({ aud: CLIENT.clientId });
    await expect(party.verifyIdToken(noNonce, 'n-1')).rejects.toThrow(SignInFailed);
    const [header, payload] = good.split('.');
    const unsigned = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${payload}.`;
    await expect(party.verifyIdToken(unsigned, 'n-1')).rejects.toThrow(SignInFailed);
    expect(header).toBeDefined();
  });

  it('binds the code to the PKCE challenge: without the verifier the provider refuses it', async () => {
    const { back } = await startSignIn();
    const token = await fetch(`${idp.issuer}/token`, {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from(`${CLIENT.clientId}:${CLIENT.clientSecret}`).toString('base64')}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        code: back.searchParams.get('code')!,
        redirect_uri: CALLBACK,
      }),
    });
    expect(token.status).toBe(400);
    expect(((await token.json()) as { error: string }).error).toBe('invalid_grant');
  });

  it('needs the session’s CSRF token (and this origin) on every write; reads need none', async () => {
    const { session, csrf } = await signedIn('ann');
    const cookie = `aos-session=${session}`;
    const refuse = async (headers: Record<string, string>) => {
      const res = await request(t.server)
        .post('/auth/logout')
        .set({ Cookie: cookie, ...headers })
        .expect(403);
      expect(res.body.code).toBe('CSRF_TOKEN_INVALID');
    };
    await refuse({});
    await refuse({ 'X-CSRF-Token': 'y'.repeat(43) });
    const write = await request(t.server)
      .post(`/accounts/${freshId()}/refunds/r-1/approve`)
      .set({ Cookie: cookie, 'Idempotency-Key': 'k-1' })
      .send({})
      .expect(403);
    expect(write.body.code).toBe('CSRF_TOKEN_INVALID');
    const foreign = await request(t.server)
      .post(`/accounts/${freshId()}/refunds/r-1/approve`)
      .set({
        Cookie: cookie,
        'Idempotency-Key': 'k-2',
        'X-CSRF-Token': csrf,
        Origin: 'https://evil.example',
      })
      .send({})
      .expect(403);
    expect(foreign.body.code).toBe('CSRF_TOKEN_INVALID');
    await request(t.server).get('/me').set('Cookie', cookie).expect(200);
  });

  it('an approver approves through the session; an operator’s session is refused approval (403)', async () => {
    const seed = seeder(t);
    const accountId = freshId();
    await seed.ready(accountId, 50_000);
    const refundId = 'rf-sso';
    await seed.refund(accountId, refundId, 5_000);
    const olga = await signedIn('olga');
    const forced = await request(t.server)
      .post(`/accounts/${accountId}/refunds/${refundId}/approve`)
      .set({
        Cookie: `aos-session=${olga.session}`,
        'Idempotency-Key': 'olga-1',
        'X-CSRF-Token': olga.csrf,
      })
      .send({})
      .expect(403);
    expect(forced.body.code).toBe('FORBIDDEN');
    expect(olga.me.routes).not.toContain('approveRefund');
    const ann = await signedIn('ann');
    await request(t.server)
      .post(`/accounts/${accountId}/refunds/${refundId}/approve`)
      .set({
        Cookie: `aos-session=${ann.session}`,
        'Idempotency-Key': 'ann-1',
        'X-CSRF-Token': ann.csrf,
      })
      .send({})
      .expect(200);
  });

  it('ends a session after 15 minutes idle (app clock), and says why', async () => {
    const { session } = await signedIn('ann');
    t.clock.advanceMinutes(14);
    await request(t.server).get('/me').set('Cookie', `aos-session=${session}`).expect(200);
    t.clock.advanceMinutes(14); // 14 after the last request: still alive
    await request(t.server).get('/me').set('Cookie', `aos-session=${session}`).expect(200);
    t.clock.advanceMinutes(15);
    const res = await request(t.server)
      .get('/me')
      .set('Cookie', `aos-session=${session}`)
      .expect(401);
    expect(res.body).toMatchObject({ code: 'SESSION_ENDED', details: { reason: 'idle' } });
    expect(cookieOf(res, 'aos-session')).toMatch(/^aos-session=; .*Max-Age=0/);
    const again = await request(t.server)
      .get('/me')
      .set('Cookie', `aos-session=${session}`)
      .expect(401);
    expect(again.body.details).toEqual({ reason: 'unknown' });
    t.clock.set(new Date());
  });

  it('steps up through the provider: prompt=login, max_age=0, acr_values; the session gets the fresh token', async () => {
    const seed = seeder(t);
    const accountId = freshId();
    await seed.ready(accountId, 50_000);
    await seed.refund(accountId, 'rf-big', 20_000); // above the 10,000 approval step-up
    const ann = await signedIn('ann');
    sessionCookie = ann.session;
    const approve = (key: string) =>
      request(t.server)
        .post(`/accounts/${accountId}/refunds/rf-big/approve`)
        .set({
          Cookie: `aos-session=${ann.session}`,
          'Idempotency-Key': key,
          'X-CSRF-Token': ann.csrf,
        })
        .send({});
    // Signed in with a password only: the approval asks for a second factor.
    const refused = await approve('big-1').expect(403);
    expect(refused.body.code).toBe('STEP_UP_REQUIRED');
    await request(t.server).get('/auth/login?stepUp=1').expect(401);
    const { login, binding, back } = await startSignIn(
      `?stepUp=1&returnTo=${encodeURIComponent('/console/queue/acc-1/r-1')}`,
      undefined,
      'ann',
      '123456',
    );
    const q = new URL(login.headers.location!).searchParams;
    expect([q.get('prompt'), q.get('max_age'), q.get('acr_values')]).toEqual([
      'login',
      '0',
      TEST_ACR_MFA,
    ]);
    const res = await request(t.server)
      .get(`${back.pathname}${back.search}`)
      .set('Cookie', `aos-sign-in=${binding}`)
      .expect(303);
    expect(res.headers.location).toBe('/console/queue/acc-1/r-1');
    expect(cookieOf(res, 'aos-session')).toBeUndefined(); // the same session, fresh tokens
    const me = await request(t.server)
      .get('/me')
      .set('Cookie', `aos-session=${ann.session}`)
      .expect(200);
    expect(me.body.authentication).toMatchObject({ method: 'oidc', acr: TEST_ACR_MFA });
    // A fresh multi-factor sign-in: the same approval passes now.
    await approve('big-2').expect(200);
  });

  it('refuses a step-up completed by another person', async () => {
    const ann = await signedIn('ann');
    sessionCookie = ann.session;
    const { binding, back } = await startSignIn('?stepUp=1', undefined, 'ada', '123456');
    const res = await request(t.server)
      .get(`${back.pathname}${back.search}`)
      .set('Cookie', `aos-sign-in=${binding}`)
      .expect(303);
    expect(res.headers.location).toBe('/console/sign-in?failure=STEP_UP_OTHER_PERSON');
    const me = await request(t.server)
      .get('/me')
      .set('Cookie', `aos-session=${ann.session}`)
      .expect(200);
    expect(me.body.actorId).toBe('oidc-approver-1');
  });

  it('signs out: the session is gone and the console is sent to the provider’s end-session endpoint', async () => {
    const { session, csrf } = await signedIn('ann');
    const res = await request(t.server)
      .post('/auth/logout')
      .set({ Cookie: `aos-session=${session}`, 'X-CSRF-Token': csrf })
      .expect(200);
    const end = new URL(res.body.endSessionUrl as string);
    expect(end.origin).toBe(idp.issuer);
    expect(end.searchParams.get('post_logout_redirect_uri')).toBe(
      `${PUBLIC_URL}/console/sign-in?signedOut=1`,
    );
    expect(end.searchParams.get('client_id')).toBe(CLIENT.clientId);
    expect(end.searchParams.get('id_token_hint')).toBeNull(); // no token to the browser
    expect(cookieOf(res, 'aos-session')).toMatch(/Max-Age=0/);
    const after = await request(t.server)
      .get('/me')
      .set('Cookie', `aos-session=${session}`)
      .expect(401);
    expect(after.body.code).toBe('SESSION_ENDED');
  });

  it('keeps the provider free of errors', () => {
    expect(idp.serverErrors).toEqual([]);
  });
});

describe('console sessions are shared by every API process on the same PostgreSQL store', () => {
  let idp: TestIdentityProvider;
  let a: TestApi;
  let b: { app: INestApplication; server: Server; store: PostgresEventStore };

  beforeAll(async () => {
    idp = await startTestIdentityProvider();
    idp.registerClient({ ...CLIENT, redirectUris: [CALLBACK] });
    const options = {
      oidc: oidcOptionsFor(idp),
      consoleSignIn: {
        apiKeys: false,
        oidc: consoleOidc(idp),
      },
    };
    a = await startTestApi('postgres', options);
    a.clock.set(new Date());
    // A second app with its own connection to the same schema: another process, as far as
    // sessions go (nothing is shared in memory).
    const store = await PostgresEventStore.connect({
      connectionString: testPgUrl(),
      schema: a.pg!.schema,
      now: () => a.clock.now(),
      poolSize: 2,
    });
    const app = await createApiApp({
      store,
      apiKeys: [],
      cardFingerprintSecret: CARD_SECRET,
      clock: a.clock,
      deadlines: false,
      checkpoints: false,
      log: { level: 'silent' },
      rateLimits: false,
      ...options,
    });
    b = { app, server: app.getHttpServer() as Server, store };
  });
  afterAll(async () => {
    await b?.app.close();
    await b?.store.close();
    await a?.close();
    await idp?.close();
  });

  it('signs in through one, works through the other, signs out through the other: ended everywhere', async () => {
    const login = await request(a.server).get('/auth/login').expect(302);
    const binding = (login.get('Set-Cookie') ?? [])[0]!.split(';')[0]!.split('=')[1]!;
    const back = await new ProviderBrowser().signIn(login.headers.location!, CALLBACK, {
      username: 'ann',
    });
    // The callback reaches the second process: the sign-in started on the first is found.
    const callback = await request(b.server)
      .get(`${back.pathname}${back.search}`)
      .set('Cookie', `aos-sign-in=${binding}`)
      .expect(303);
    const session = (callback.get('Set-Cookie') ?? [])
      .find((c) => c.startsWith('aos-session='))!
      .split(';')[0]!;
    const me = await request(a.server).get('/me').set('Cookie', session).expect(200);
    expect(me.body.actorId).toBe('oidc-approver-1');
    await request(b.server)
      .post('/auth/logout')
      .set({ Cookie: session, 'X-CSRF-Token': me.body.signIn.csrfToken })
      .expect(200);
    const after = await request(a.server).get('/me').set('Cookie', session).expect(401);
    expect(after.body.code).toBe('SESSION_ENDED');
  });
});

describe('without single sign-on configured', () => {
  let t: TestApi;
  beforeAll(async () => {
    t = await startTestApi('sqlite');
  });
  afterAll(() => t.close());

  it('offers nothing but what the options say, and ignores a session cookie', async () => {
    const options = await request(t.server).get('/auth/options').expect(200);
    expect(options.body).toEqual({ singleSignOn: false, apiKey: false });
    const login = await request(t.server).get('/auth/login').expect(404);
    expect(login.body.code).toBe('SIGN_IN_NOT_CONFIGURED');
    const me = await request(t.server)
      .get('/me')
      .set('Cookie', `aos-session=${'a'.repeat(43)}`)
      .expect(401);
    expect(me.body.code).toBe('UNAUTHENTICATED');
    await request(t.server).post('/auth/logout').expect(200, { endSessionUrl: null });
  });
});
