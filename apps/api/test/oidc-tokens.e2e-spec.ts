import { decodeProtectedHeader } from 'jose';
import { startTestIdentityProvider, type TestIdentityProvider } from '@account-ops/testing';
import { handSigned } from './support/hand-signed-tokens';
import { oidcOptionsFor, startApiWithProvider } from './support/oidc';
import { startTestApi, type TestApi } from './support/test-api';

/**
 * OIDC access tokens against a real OpenID provider (oidc-provider) on loopback: the
 * actor and roles from the claims, every hostile token refused with problem+json (never a
 * 500), key rotation at the provider without restarting the API, API keys alongside.
 * The auth layer does not depend on the store: SQLite only.
 */
describe('OIDC access tokens', () => {
  let idp: TestIdentityProvider;
  let t: TestApi;
  let close: () => Promise<void>;
  beforeAll(async () => {
    ({ idp, t, close } = await startApiWithProvider());
  });
  afterAll(() => close());

  const me = (token: string) => t.bearer(token).get('/me');

  it('a provider token names the actor (sub), display name and roles from its claims: GET /me', async () => {
    const { accessToken } = await idp.signIn({ username: 'ann' });
    const res = await me(accessToken).expect(200);
    expect(res.body).toMatchObject({
      actorId: 'oidc-approver-1',
      displayName: 'Ann Approver',
      roles: ['approver'],
      secondFactor: false,
      authentication: {
        method: 'oidc',
        clientId: 'test-login',
        acr: 'urn:account-ops:test:pwd',
        amr: ['pwd'],
        stepUpValidUntil: null,
        reauthenticate: { max_age: 300, prompt: 'login' },
      },
    });
    expect(res.body.routes).toContain('approveRefund');
    expect(JSON.stringify(res.body)).not.toContain(accessToken.split('.')[2]);
  });

  it('the route guard applies the token’s roles: an operator cannot open the auditor’s event list', async () => {
    const { accessToken } = await idp.signIn({ username: 'olga' });
    const res = await t.bearer(accessToken).get('/accounts/acc-x/events').expect(403);
    expect(res.body).toMatchObject({ code: 'FORBIDDEN', details: { rule: 'route' } });
  });

  it('API keys keep working beside tokens', async () => {
    const res = await t.as('admin').get('/me').expect(200);
    expect(res.body.authentication).toEqual({ method: 'api_key' });
  });

  it('a hand-signed token with the provider’s key and right claims passes (the control for the cases below)', async () => {
    await me(await handSigned(idp).sign()).expect(200);
  });

  const now = () => Math.floor(Date.now() / 1000);
  const hostile: ReadonlyArray<[string, () => Promise<string>]> = [
    ['expired', () => handSigned(idp).sign({ iat: now() - 900, exp: now() - 600 })],
    ['not yet valid (nbf)', () => handSigned(idp).sign({ nbf: now() + 600 })],
    [
      'issued in the future (iat)',
      () => handSigned(idp).sign({ iat: now() + 600, exp: now() + 900 }),
    ],
    ['without exp', () => handSigned(idp).sign({ exp: undefined })],
    ['wrong issuer', () => handSigned(idp).sign({ iss: 'https://evil.example' })],
    ['issuer with a trailing slash', () => handSigned(idp).sign({ iss: `${idp.issuer}/` })],
    ['wrong audience', () => handSigned(idp).sign({ aud: 'https://other-api.example' })],
    ['alg none', async () => handSigned(idp).unsigned()],
    ['HS256 signed with the public key', () => handSigned(idp).hmacWithPublicKey()],
    ['unknown kid (after one JWKS refresh)', () => handSigned(idp).unknownKey()],
    [
      'tampered payload',
      async () => handSigned(idp).tamper((await idp.signIn({ username: 'olga' })).accessToken),
    ],
    ['malformed: three dots of nothing', async () => 'a.b.c'],
    [
      'malformed: header not JSON',
      async () => `${Buffer.from('nope').toString('base64url')}.e30.sig`,
    ],
    ['sub that is not an id', () => handSigned(idp).sign({ sub: 'has spaces/and slashes' })],
  ];

  it.each(hostile)(
    '%s → 401 problem+json UNAUTHENTICATED with an invalid_token challenge',
    async (_name, make) => {
      const res = await me(await make());
      expect(res.status).toBe(401);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body).toMatchObject({ code: 'UNAUTHENTICATED', status: 401 });
      expect(res.headers['www-authenticate']).toContain('error="invalid_token"');
    },
  );

  it('logs why a token was refused and who a token identified, never the token', async () => {
    const wrongAudience = await handSigned(idp).sign({ aud: 'https://other-api.example' });
    await me(wrongAudience).expect(401);
    const { accessToken } = await idp.signIn({ username: 'ann' });
    await me(accessToken).expect(200);
    const lines = t.logs.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines).toContainEqual(
      expect.objectContaining({ authRefusal: expect.stringMatching(/token invalid: .*"aud"/) }),
    );
    expect(lines).toContainEqual(
      expect.objectContaining({ actorId: 'oidc-approver-1', auth: 'oidc' }),
    );
    const all = t.logs.join('\n');
    for (const token of [wrongAudience, accessToken])
      expect(all).not.toContain(token.split('.')[2]);
  });

  it('an unknown kid makes exactly one key-set refetch (cooldown 0 here), then 401', async () => {
    await me(await handSigned(idp).sign()).expect(200); // key set cached
    const before = idp.requestsTo('/jwks');
    await me(await handSigned(idp).unknownKey()).expect(401);
    expect(idp.requestsTo('/jwks')).toBe(before + 1);
  });

  it('a real token past its exp on the API’s clock → 401 "expired"', async () => {
    const { accessToken } = await idp.signIn({ username: 'ann' });
    t.clock.advanceMinutes(11); // the provider's tokens live 10 min
    try {
      const res = await me(accessToken).expect(401);
      expect(res.body.detail).toMatch(/expired/);
    } finally {
      t.clock.set(new Date());
    }
  });

  it('a valid token without the roles claim, or with no known role → 403 problem+json', async () => {
    const { accessToken } = await idp.signIn({ username: 'vic' });
    const none = await me(accessToken).expect(403);
    expect(none.body).toMatchObject({
      code: 'FORBIDDEN',
      details: { rule: 'roles_claim', claim: 'roles' },
    });
    await me(await handSigned(idp).sign({ roles: ['superuser', 'system'] })).expect(403);
    await me(await handSigned(idp).sign({ roles: 'admin' })).expect(403);
  });

  it('picks up a key rotation at the provider without a restart; a retired key stops working', async () => {
    const before = (await idp.signIn({ username: 'ann' })).accessToken;
    await me(before).expect(200);
    const second = idp.rotateSigningKey('ES256');
    const after = (await idp.signIn({ username: 'ann' })).accessToken;
    expect(decodeProtectedHeader(after)).toMatchObject({ kid: second.kid, alg: 'ES256' });
    await me(after).expect(200);
    await me(before).expect(200); // the old key is still published
    const third = idp.rotateSigningKey('PS256');
    idp.retireOldSigningKeys();
    const latest = await idp.clientCredentialsToken('billing');
    expect(decodeProtectedHeader(latest).kid).toBe(third.kid);
    await me(latest).expect(200); // unknown kid → the JWKS is fetched again
    await me(before).expect(401); // ... and no longer holds the first key
    expect(idp.serverErrors).toEqual([]);
  });
});

describe('OIDC key set caching (ACCOUNT_OPS_OIDC_JWKS_COOLDOWN_SECONDS)', () => {
  let idp: TestIdentityProvider;
  let t: TestApi;
  let close: () => Promise<void>;
  beforeAll(async () => {
    ({ idp, t, close } = await startApiWithProvider({
      ACCOUNT_OPS_OIDC_JWKS_COOLDOWN_SECONDS: '600',
    }));
  });
  afterAll(() => close());

  it('discovers once, caches the key set, and refetches it at most once per cooldown for unknown kids', async () => {
    const { accessToken } = await idp.signIn({ username: 'ann' });
    for (let i = 0; i < 5; i++) await t.bearer(accessToken).get('/me').expect(200);
    expect(idp.requestsTo('/.well-known/openid-configuration')).toBe(1);
    expect(idp.requestsTo('/jwks')).toBe(1);
    // Within the cooldown after a fetch, an unknown kid is refused without asking again:
    // random kids cannot make the API hammer the provider.
    await t
      .bearer(await handSigned(idp).unknownKey())
      .get('/me')
      .expect(401);
    await t
      .bearer(await handSigned(idp).unknownKey())
      .get('/me')
      .expect(401);
    expect(idp.requestsTo('/jwks')).toBe(1);
  });
});

describe('OIDC roles mapped from groups (ACCOUNT_OPS_OIDC_ROLES_CLAIM, _ROLE_MAP)', () => {
  let idp: TestIdentityProvider;
  let t: TestApi;
  let close: () => Promise<void>;
  beforeAll(async () => {
    ({ idp, t, close } = await startApiWithProvider({
      ACCOUNT_OPS_OIDC_ROLES_CLAIM: 'groups',
      ACCOUNT_OPS_OIDC_ROLE_MAP: 'finance-checkers=approver;ops-staff=operator|auditor',
    }));
  });
  afterAll(() => close());

  it('maps the groups claim through the role map; an unmapped group grants nothing', async () => {
    const ann = (await idp.signIn({ username: 'ann' })).accessToken;
    expect((await t.bearer(ann).get('/me').expect(200)).body.roles).toEqual(['approver']);
    const olga = (await idp.signIn({ username: 'olga' })).accessToken;
    expect((await t.bearer(olga).get('/me').expect(200)).body.roles).toEqual([
      'operator',
      'auditor',
    ]);
    const ada = (await idp.signIn({ username: 'ada' })).accessToken; // platform-admins: not mapped
    const res = await t.bearer(ada).get('/me').expect(403);
    expect(res.body.details).toMatchObject({ rule: 'roles_claim', claim: 'groups' });
  });
});

describe('OIDC with the provider unreachable', () => {
  let t: TestApi;
  let idp: TestIdentityProvider;
  beforeAll(async () => {
    idp = await startTestIdentityProvider();
    const issuer = idp.issuer;
    const token = (await idp.signIn({ username: 'ann' })).accessToken;
    await idp.close(); // nothing listens on the issuer's port any more
    t = await startTestApi('sqlite', { oidc: oidcOptionsFor({ issuer, audience: idp.audience }) });
    t.clock.set(new Date());
    tokenWhileDown = token;
  });
  let tokenWhileDown = '';
  afterAll(() => t.close());

  it('answers 503 IDENTITY_PROVIDER_UNAVAILABLE (not 401, not 500); API keys still work', async () => {
    const res = await t.bearer(tokenWhileDown).get('/me').expect(503);
    expect(res.body).toMatchObject({ code: 'IDENTITY_PROVIDER_UNAVAILABLE' });
    expect(res.headers['retry-after']).toBe('5');
    await t.as('auditor').get('/me').expect(200);
  });
});
