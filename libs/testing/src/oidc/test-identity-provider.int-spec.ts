import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { startTestIdentityProvider, type TestIdentityProvider } from './test-identity-provider';
import { TEST_ACR_MFA, TEST_ACR_PASSWORD, TEST_AUDIENCE } from './test-users';

describe('the test identity provider', () => {
  let idp: TestIdentityProvider;
  beforeAll(async () => {
    idp = await startTestIdentityProvider();
  });
  afterAll(() => idp.close());

  it('publishes discovery and its JWKS on loopback', async () => {
    const discovery = (await (
      await fetch(`${idp.issuer}/.well-known/openid-configuration`)
    ).json()) as Record<string, unknown>;
    expect(discovery.issuer).toBe(idp.issuer);
    const jwks = (await (await fetch(String(discovery.jwks_uri))).json()) as {
      keys: { kid: string; d?: string }[];
    };
    expect(jwks.keys.map((k) => k.kid)).toEqual([idp.currentSigningKey().kid]);
    expect(jwks.keys[0]!.d).toBeUndefined();
  });

  it('signs a person in with Authorization Code + PKCE: a JWT access token with roles, password only', async () => {
    const { accessToken, idToken } = await idp.signIn({ username: 'ann' });
    expect(decodeProtectedHeader(accessToken)).toMatchObject({
      alg: 'RS256',
      typ: 'at+jwt',
      kid: idp.currentSigningKey().kid,
    });
    const claims = decodeJwt(accessToken);
    expect(claims).toMatchObject({
      iss: idp.issuer,
      aud: TEST_AUDIENCE,
      sub: 'oidc-approver-1',
      name: 'Ann Approver',
      preferred_username: 'ann',
      roles: ['approver'],
      groups: ['finance-checkers'],
      acr: TEST_ACR_PASSWORD,
      amr: ['pwd'],
    });
    expect(Math.abs(Number(claims.auth_time) - Date.now() / 1000)).toBeLessThan(60);
    expect(decodeJwt(idToken).sub).toBe('oidc-approver-1');
  });

  it('shows MFA and a back-dated authentication on demand', async () => {
    const { accessToken } = await idp.signIn({
      username: 'ada',
      mfa: true,
      authenticatedSecondsAgo: 900,
    });
    const claims = decodeJwt(accessToken);
    expect(claims).toMatchObject({ acr: TEST_ACR_MFA, amr: ['pwd', 'otp', 'mfa'] });
    expect(Date.now() / 1000 - Number(claims.auth_time)).toBeGreaterThan(890);
  });

  it('refuses a wrong password', async () => {
    await expect(idp.signIn({ username: 'ann', password: 'wrong' })).rejects.toThrow(
      /login refused/,
    );
  });

  it('issues client-credentials tokens carrying the integration role', async () => {
    const token = await idp.clientCredentialsToken('payment-gateway');
    expect(decodeJwt(token)).toMatchObject({
      sub: 'payment-gateway',
      aud: TEST_AUDIENCE,
      roles: ['payment_gateway'],
    });
  });

  it('registers a client at run time', async () => {
    idp.registerClient({ clientId: 'late-console', redirectUris: ['http://127.0.0.1:1/callback'] });
    const { accessToken } = await idp.signIn({ username: 'olga', clientId: 'late-console' });
    expect(decodeJwt(accessToken)).toMatchObject({
      sub: 'oidc-operator-1',
      client_id: 'late-console',
    });
  });

  it('rotates its signing key without a restart, then retires the old one', async () => {
    const old = idp.currentSigningKey();
    const fresh = idp.rotateSigningKey('ES256');
    const token = await idp.clientCredentialsToken('billing');
    expect(decodeProtectedHeader(token)).toMatchObject({ alg: 'ES256', kid: fresh.kid });
    expect(idp.publicJwks().keys.map((k) => k.kid)).toEqual([fresh.kid, old.kid]);
    idp.retireOldSigningKeys();
    const jwks = (await (await fetch(`${idp.issuer}/jwks`)).json()) as { keys: { kid: string }[] };
    expect(jwks.keys.map((k) => k.kid)).toEqual([fresh.kid]);
    expect(idp.serverErrors).toEqual([]);
  });
});
