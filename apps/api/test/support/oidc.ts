import { loadSettings, SettingRegistry } from '@account-ops/engine';
import type { TestIdentityProvider } from '@account-ops/testing';
import { OIDC_SETTINGS, oidcConfigFrom, type OidcConfig } from '../../src/config/oidc-settings';

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
