import type { TestIdentityProvider } from '@account-ops/testing';
import { startApiWithProvider } from './support/oidc';
import { MASTERCARD, seeder } from './support/seed';
import { freshId, type TestApi } from './support/test-api';

const evil = { cardNumber: '4000056655665556', holderName: 'MALLORY', bankName: 'Evil Bank' };

/**
 * Step-up through the identity provider (SPEC §3 dual control): a person with an OIDC
 * token passes a second-factor check when the token shows MFA and a recent authentication;
 * otherwise 403 STEP_UP_REQUIRED telling the client how to re-authenticate. Real sign-ins
 * at the test provider throughout.
 */
describe('OIDC step-up: changing the payout card', () => {
  let idp: TestIdentityProvider;
  let t: TestApi;
  let close: () => Promise<void>;
  beforeAll(async () => {
    ({ idp, t, close } = await startApiWithProvider());
  });
  afterAll(() => close());

  async function cardOf(id: string): Promise<string> {
    return (await t.as('auditor').get(`/accounts/${id}`).expect(200)).body.bankCard.last4;
  }

  it('a token with a stale auth_time cannot change a card: 403 STEP_UP_REQUIRED with re-authentication hints', async () => {
    const id = freshId();
    await seeder(t).ready(id);
    const { accessToken } = await idp.signIn({
      username: 'ada',
      mfa: true,
      authenticatedSecondsAgo: 600,
    });
    const res = await t.bearer(accessToken).put(`/accounts/${id}/bank-card`, evil);
    expect(res.status).toBe(403);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({
      code: 'STEP_UP_REQUIRED',
      details: { reauthenticate: { max_age: 300, prompt: 'login' } },
    });
    expect(res.body.detail).toMatch(/sign in again at the identity provider/);
    expect(res.headers['www-authenticate']).toMatch(
      /error="insufficient_user_authentication".*max_age=300/,
    );
    expect(await cardOf(id)).toBe(MASTERCARD.slice(-4));
  });

  it('a fresh sign-in without a second factor cannot either', async () => {
    const id = freshId();
    await seeder(t).ready(id);
    const { accessToken } = await idp.signIn({ username: 'ada' });
    await t.bearer(accessToken).put(`/accounts/${id}/bank-card`, evil).expect(403);
    expect(await cardOf(id)).toBe(MASTERCARD.slice(-4));
  });

  it('after re-authenticating with MFA as told (max_age, prompt=login), the change goes through', async () => {
    const id = freshId();
    await seeder(t).ready(id);
    const { accessToken } = await idp.signIn({
      username: 'ada',
      mfa: true,
      maxAge: 300,
      prompt: 'login',
    });
    const me = (await t.bearer(accessToken).get('/me').expect(200)).body;
    expect(me.authentication.stepUpValidUntil).toEqual(expect.any(String));
    await t.bearer(accessToken).put(`/accounts/${id}/bank-card`, evil).expect(200);
    expect(await cardOf(id)).toBe(evil.cardNumber.slice(-4));
  });

  it('the same MFA token stops counting once auth_time is older than the window (API clock)', async () => {
    const id = freshId();
    await seeder(t).ready(id);
    const { accessToken } = await idp.signIn({ username: 'ada', mfa: true });
    t.clock.advanceMinutes(6); // the token itself is valid for 10 min
    try {
      await t.bearer(accessToken).put(`/accounts/${id}/bank-card`, evil).expect(403);
      expect(
        (await t.bearer(accessToken).get('/me').expect(200)).body.authentication,
      ).toMatchObject({
        stepUpValidUntil: null,
      });
    } finally {
      t.clock.set(new Date());
    }
  });

  it('an API key caller still steps up with TOTP only (a key is never a second factor)', async () => {
    const id = freshId();
    await seeder(t).ready(id);
    await t.as('admin').put(`/accounts/${id}/bank-card`, evil).expect(403);
  });
});

describe('OIDC step-up by acr (ACCOUNT_OPS_OIDC_STEP_UP_ACR)', () => {
  let idp: TestIdentityProvider;
  let t: TestApi;
  let close: () => Promise<void>;
  beforeAll(async () => {
    ({ idp, t, close } = await startApiWithProvider({
      ACCOUNT_OPS_OIDC_STEP_UP_ACR: 'urn:account-ops:test:mfa',
      ACCOUNT_OPS_OIDC_STEP_UP_AMR: 'hwk', // the test provider's amr never says hwk
      ACCOUNT_OPS_OIDC_STEP_UP_MAX_AGE_SECONDS: '120',
    }));
  });
  afterAll(() => close());

  it('accepts the configured acr and asks for it (acr_values) when it is missing', async () => {
    const id = freshId();
    await seeder(t).ready(id);
    const password = (await idp.signIn({ username: 'ada' })).accessToken;
    const refused = await t.bearer(password).put(`/accounts/${id}/bank-card`, evil).expect(403);
    expect(refused.body.details.reauthenticate).toEqual({
      max_age: 120,
      prompt: 'login',
      acr_values: 'urn:account-ops:test:mfa',
    });
    expect(refused.headers['www-authenticate']).toContain('acr_values="urn:account-ops:test:mfa"');
    const mfa = (
      await idp.signIn({ username: 'ada', mfa: true, acrValues: 'urn:account-ops:test:mfa' })
    ).accessToken;
    await t.bearer(mfa).put(`/accounts/${id}/bank-card`, evil).expect(200);
  });
});

describe('integrations with client-credentials tokens', () => {
  let idp: TestIdentityProvider;
  let t: TestApi;
  let close: () => Promise<void>;
  beforeAll(async () => {
    ({ idp, t, close } = await startApiWithProvider());
  });
  afterAll(() => close());

  it('the payment gateway settles a top-up with its token; its actor is the client', async () => {
    const id = freshId();
    const seed = seeder(t);
    await seed.open(id);
    await seed.initiate(id, 'tu-1', 5_000);
    const token = await idp.clientCredentialsToken('payment-gateway');
    const me = (await t.bearer(token).get('/me').expect(200)).body;
    expect(me).toMatchObject({
      actorId: 'payment-gateway',
      roles: ['payment_gateway'],
      authentication: { method: 'oidc', clientId: 'payment-gateway', stepUpValidUntil: null },
    });
    expect(me.displayName).toBeUndefined();
    await t.bearer(token).post(`/accounts/${id}/top-ups/tu-1/settle`, {}).expect(202);
  });

  it('each integration holds only its own role: billing’s token cannot settle a top-up', async () => {
    const id = freshId();
    const seed = seeder(t);
    await seed.open(id);
    await seed.initiate(id, 'tu-2', 5_000);
    const billing = await idp.clientCredentialsToken('billing');
    const res = await t.bearer(billing).post(`/accounts/${id}/top-ups/tu-2/settle`, {}).expect(403);
    expect(res.body).toMatchObject({ code: 'FORBIDDEN', details: { rule: 'route' } });
    const identity = await idp.clientCredentialsToken('identity-provider');
    await t.bearer(identity).post(`/accounts/${id}/top-ups/tu-2/settle`, {}).expect(403);
  });
});
