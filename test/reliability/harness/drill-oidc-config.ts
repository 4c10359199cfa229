import { loadSettings, SettingRegistry } from '@account-ops/engine';
import {
  OIDC_SETTINGS,
  oidcConfigFrom,
  type OidcConfig,
} from '../../../apps/api/src/config/oidc-settings';

/**
 * The API's OIDC configuration from ACCOUNT_OPS_OIDC_* (drill-identity.ts sets them), read
 * through the same settings as `npm start`; undefined without an issuer.
 */
export function drillOidcConfig(
  env: Readonly<Record<string, string | undefined>>,
): OidcConfig | undefined {
  return oidcConfigFrom(loadSettings(new SettingRegistry(OIDC_SETTINGS), env));
}
