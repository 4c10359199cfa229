import { loadSettings, SettingRegistry } from '@account-ops/engine';
import { startTestIdentityProvider, type TestIdentityProvider } from '@account-ops/testing';
import { OIDC_SETTINGS, oidcConfigFrom, type OidcConfig } from '../../src/config/oidc-settings';
import { startTestApi, type TestApi } from './test-api';

/**
 * The API's OIDC configuration for a test provider, read through the same settings as
 * `npm start` (ACCOUNT_OPS_OIDC_*). The JWKS cooldown is 0 so a rotation is seen at once.
 */
export function oidcOptionsFor(
  idp: Pick<TestIdentityProvider, 'issuer' | 'audience'>,
  env: Record<string, string> = {},
): OidcConfig {
  const config = oidcConfigFrom(
    loadSettings(new SettingRegistry(OIDC_SETTINGS), {
      ACCOUNT_OPS_OIDC_ISSUER: idp.issuer,
      ACCOUNT_OPS_OIDC_AUDIENCE: idp.audience,
      ACCOUNT_OPS_OIDC_JWKS_COOLDOWN_SECONDS: '0',
      ...env,
    }),
  );
  if (!config) throw new Error('no OIDC configuration');
  return config;
}

/**
 * A test provider and an API (SQLite) that accepts its tokens, with the API's clock at
 * real time (the provider stamps tokens with it). `close` stops both.
 */
export async function startApiWithProvider(env: Record<string, string> = {}): Promise<{
  idp: TestIdentityProvider;
  t: TestApi;
  close(): Promise<void>;
}> {
  const idp = await startTestIdentityProvider();
  const t = await startTestApi('sqlite', { oidc: oidcOptionsFor(idp, env) });
  t.clock.set(new Date());
  return {
    idp,
    t,
    close: async () => {
      await t.close();
      await idp.close();
    },
  };
}
