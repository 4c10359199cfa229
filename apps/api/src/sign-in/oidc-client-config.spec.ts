import { ApiConfigError } from '../config/api-config-error';
import type { OidcConfig } from '../config/oidc-settings';
import { loadConsoleOidcClient } from './oidc-client-config';

const OIDC = {
  issuer: 'https://login.bank.example',
  audience: 'https://ops.bank.example/api',
  stepUp: { maxAgeSeconds: 300, acr: ['urn:bank:mfa'], amr: [] },
} as unknown as OidcConfig;

const ENV = {
  ACCOUNT_OPS_OIDC_CLIENT_ID: 'ops-console',
  ACCOUNT_OPS_OIDC_CLIENT_SECRET: 'a-long-enough-client-secret',
  ACCOUNT_OPS_PUBLIC_URL: 'https://ops.bank.example',
};

const refusal = (env: Record<string, string>, oidc: OidcConfig | null = OIDC) => {
  try {
    loadConsoleOidcClient(env, oidc ?? undefined);
    return undefined;
  } catch (error) {
    expect(error).toBeInstanceOf(ApiConfigError);
    return (error as Error).message;
  }
};

describe('the console’s single sign-on configuration', () => {
  it('is off without a client id or secret', () => {
    expect(loadConsoleOidcClient({}, OIDC)).toBeUndefined();
  });

  it('takes issuer, audience and the step-up acr from the API’s OIDC settings', () => {
    expect(loadConsoleOidcClient(ENV, OIDC)).toEqual({
      issuer: OIDC.issuer,
      clientId: 'ops-console',
      clientSecret: ENV.ACCOUNT_OPS_OIDC_CLIENT_SECRET,
      publicUrl: 'https://ops.bank.example',
      audience: OIDC.audience,
      stepUpAcrValues: 'urn:bank:mfa',
    });
  });

  it('names what is missing, never a value', () => {
    expect(refusal({ ACCOUNT_OPS_OIDC_CLIENT_ID: 'ops-console' })).toMatch(
      /ACCOUNT_OPS_OIDC_CLIENT_SECRET, ACCOUNT_OPS_PUBLIC_URL/,
    );
    expect(refusal(ENV, null)).toMatch(/ACCOUNT_OPS_OIDC_ISSUER/);
    const short = refusal({ ...ENV, ACCOUNT_OPS_OIDC_CLIENT_SECRET: 'short-secret' });
    expect(short).toMatch(/at least 16/);
    expect(short).not.toContain('short-secret');
  });

  it('wants an https origin (http only on loopback) as the public URL', () => {
    expect(refusal({ ...ENV, ACCOUNT_OPS_PUBLIC_URL: 'http://ops.bank.example' })).toMatch(/https/);
    expect(refusal({ ...ENV, ACCOUNT_OPS_PUBLIC_URL: 'https://ops.bank.example/x' })).toMatch(
      /origin/,
    );
    expect(
      loadConsoleOidcClient({ ...ENV, ACCOUNT_OPS_PUBLIC_URL: 'http://127.0.0.1:3000' }, OIDC)
        ?.publicUrl,
    ).toBe('http://127.0.0.1:3000');
  });

  it('asks for openid among the scopes', () => {
    expect(refusal({ ...ENV, ACCOUNT_OPS_OIDC_CONSOLE_SCOPE: 'profile' })).toMatch(/openid/);
  });
});
