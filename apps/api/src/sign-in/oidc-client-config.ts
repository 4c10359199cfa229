import { ApiConfigError } from '../config/api-config-error';
import type { OidcConfig } from '../config/oidc-settings';

/**
 * The console's sign-in at the identity provider: the API is a confidential OIDC client
 * (backend-for-frontend, docs/security.md "Console sign-in"). Set together or not at all.
 */
export interface ConsoleOidcClient {
  /** The provider (the same `ACCOUNT_OPS_OIDC_ISSUER` the API accepts bearer tokens from). */
  readonly issuer: string;
  readonly clientId: string;
  /** Never logged, never sent anywhere but the provider's token endpoint. */
  readonly clientSecret: string;
  /** Where the browser reaches this API (`ACCOUNT_OPS_PUBLIC_URL`): redirect URI and cookies. */
  readonly publicUrl: string;
  /** `resource` asked for (RFC 8707): the API's audience, so the access token is a JWT for it. */
  readonly audience?: string;
  /** Scopes asked for (`ACCOUNT_OPS_OIDC_CONSOLE_SCOPE`, default `openid profile`). */
  readonly scope?: string;
  /** `acr_values` asked for when a step-up sends the person back to the provider. */
  readonly stepUpAcrValues?: string;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** An https URL, or http on a loopback address (tests, development). */
function urlOf(name: string, text: string): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new ApiConfigError(`${name} must be an absolute URL`);
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && LOOPBACK.has(url.hostname))) {
    throw new ApiConfigError(`${name} must be https (http only on a loopback address)`);
  }
  return url;
}

/**
 * ACCOUNT_OPS_OIDC_CLIENT_ID, ACCOUNT_OPS_OIDC_CLIENT_SECRET and ACCOUNT_OPS_PUBLIC_URL
 * (with the API's OIDC settings: issuer, audience, step-up `acr`) switch the console's
 * single sign-on on; none of them: off.
 */
export function loadConsoleOidcClient(
  env: NodeJS.ProcessEnv,
  oidc: OidcConfig | undefined,
): ConsoleOidcClient | undefined {
  const value = (name: string) => env[name]?.trim() || undefined;
  const clientId = value('ACCOUNT_OPS_OIDC_CLIENT_ID');
  const clientSecret = value('ACCOUNT_OPS_OIDC_CLIENT_SECRET');
  const publicUrl = value('ACCOUNT_OPS_PUBLIC_URL');
  if (!clientId && !clientSecret) return undefined;
  const issuer = oidc?.issuer;
  const missing = [
    ['ACCOUNT_OPS_OIDC_ISSUER', issuer],
    ['ACCOUNT_OPS_OIDC_CLIENT_ID', clientId],
    ['ACCOUNT_OPS_OIDC_CLIENT_SECRET', clientSecret],
    ['ACCOUNT_OPS_PUBLIC_URL', publicUrl],
  ].filter(([, v]) => v === undefined);
  if (missing.length > 0) {
    throw new ApiConfigError(
      `console single sign-on needs ${missing.map(([n]) => n).join(', ')} as well`,
    );
  }
  if (clientSecret!.length < 16) {
    throw new ApiConfigError('ACCOUNT_OPS_OIDC_CLIENT_SECRET must be at least 16 characters');
  }
  const base = urlOf('ACCOUNT_OPS_PUBLIC_URL', publicUrl!);
  if (base.pathname !== '/' || base.search || base.hash) {
    throw new ApiConfigError(
      'ACCOUNT_OPS_PUBLIC_URL must be an origin (no path, query or fragment)',
    );
  }
  const audience = oidc!.audience;
  const acr = oidc!.stepUp.acr.join(' ');
  const scope = value('ACCOUNT_OPS_OIDC_CONSOLE_SCOPE');
  if (scope !== undefined && !scope.split(/\s+/).includes('openid')) {
    throw new ApiConfigError('ACCOUNT_OPS_OIDC_CONSOLE_SCOPE must include openid');
  }
  return {
    issuer: issuer!,
    clientId: clientId!,
    clientSecret: clientSecret!,
    publicUrl: base.origin,
    ...(audience ? { audience } : {}),
    ...(acr ? { stepUpAcrValues: acr } : {}),
    ...(scope ? { scope } : {}),
  };
}
