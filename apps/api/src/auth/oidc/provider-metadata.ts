import { isAllowedIssuerUrl } from '../../config/oidc-settings';

/** The provider cannot be reached or answers nonsense: a server-side condition (503), not the caller's fault. */
export class IdentityProviderUnavailable extends Error {
  constructor(reason: string) {
    super(`identity provider unavailable: ${reason}`);
    this.name = 'IdentityProviderUnavailable';
  }
}

const TIMEOUT_MS = 5000;

/**
 * The provider's `jwks_uri`, from its discovery document (OpenID Connect Discovery 1.0 §4:
 * the document's `issuer` must be exactly the configured one). The JWKS location must be
 * https too (http only on loopback), or a network attacker could serve keys.
 */
export async function discoverJwksUri(issuer: string): Promise<URL> {
  const url = `${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`;
  let document: unknown;
  try {
    const response = await fetch(url, {
      headers: { accept: 'application/json' },
      redirect: 'error',
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    if (response.status !== 200) throw new Error(`discovery answered ${response.status}`);
    document = await response.json();
  } catch (error) {
    throw new IdentityProviderUnavailable(`discovery failed (${(error as Error).message})`);
  }
  const { issuer: named, jwks_uri: jwksUri } = (document ?? {}) as Record<string, unknown>;
  if (named !== issuer) {
    throw new IdentityProviderUnavailable('the discovery document names another issuer');
  }
  let jwks: URL;
  try {
    jwks = new URL(String(jwksUri));
  } catch {
    throw new IdentityProviderUnavailable('the discovery document has no usable jwks_uri');
  }
  if (!isAllowedIssuerUrl(jwks)) {
    throw new IdentityProviderUnavailable('jwks_uri must be https (http only on loopback)');
  }
  return jwks;
}
