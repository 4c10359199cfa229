import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { isId, type Actor } from '@account-ops/accounts';
import type { OidcConfig } from '../../config/oidc-settings';
import { discoverJwksUri, IdentityProviderUnavailable } from './provider-metadata';
import { rolesFromClaims } from './role-mapping';

/** What a verified access token says about its holder, beyond the actor. */
export interface OidcIdentity {
  readonly actor: Actor;
  /** `name`, else `preferred_username`. */
  readonly displayName?: string;
  /** `client_id` (RFC 9068): the application the token was issued to. */
  readonly clientId?: string;
  /** When the person last authenticated (seconds since the epoch). */
  readonly authTime?: number;
  readonly acr?: string;
  readonly amr?: readonly string[];
}

/** Why a token does not identify anyone (never contains the token). */
export type TokenRefusal =
  | { readonly kind: 'invalid'; readonly reason: string }
  | { readonly kind: 'expired' }
  | { readonly kind: 'no_role'; readonly subject: string }
  | { readonly kind: 'unavailable'; readonly reason: string };

export type TokenCheck =
  | { readonly identity: OidcIdentity; readonly refusal?: undefined }
  | { readonly identity?: undefined; readonly refusal: TokenRefusal };

// After a failed discovery, answer 503 at once for this long instead of asking again per request.
const DISCOVERY_RETRY_MS = 5000;
const JWKS_CACHE_MAX_AGE_MS = 10 * 60_000;
const TEXT_MAX = 200;

/**
 * Verifies OIDC access tokens (JWT) of the one configured issuer with jose: the signature
 * with a key from the provider's JWKS (discovered once, fetched and cached by jose; a `kid`
 * not in the cached set causes one refetch, at most every `jwksCooldownSeconds`, which is
 * how a key rotation at the provider arrives without a restart; the set is also refetched
 * when older than 10 min), an allow-list of asymmetric algorithms, `iss`, `aud`, `exp`,
 * `nbf` and `iat` within the configured skew. Every failure is a refusal, never a throw.
 */
export class OidcTokenVerifier {
  private keySet?: Promise<JWTVerifyGetKey>;
  private failedAt = -Infinity;

  constructor(
    readonly config: OidcConfig,
    private readonly now: () => Date,
  ) {}

  async verify(token: string): Promise<TokenCheck> {
    let getKey: JWTVerifyGetKey;
    try {
      getKey = await this.keys();
    } catch (error) {
      return { refusal: { kind: 'unavailable', reason: (error as Error).message } };
    }
    const now = this.now();
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, getKey, {
        issuer: this.config.issuer,
        audience: this.config.audience,
        algorithms: [...this.config.algorithms],
        clockTolerance: this.config.clockSkewSeconds,
        currentDate: now,
        requiredClaims: ['sub', 'exp', 'iat'],
      }));
    } catch (error) {
      return { refusal: refusalOf(error) };
    }
    // jose checks `iat` is a number; one from the future beyond the skew is refused too.
    if (payload.iat! > now.getTime() / 1000 + this.config.clockSkewSeconds) {
      return { refusal: { kind: 'invalid', reason: 'iat is in the future' } };
    }
    if (!isId(payload.sub)) {
      return { refusal: { kind: 'invalid', reason: 'sub is not a usable actor id' } };
    }
    const roles = rolesFromClaims(payload, this.config.rolesClaim, this.config.roleMap);
    if (roles.length === 0) return { refusal: { kind: 'no_role', subject: payload.sub } };
    return { identity: identityOf(payload, { id: payload.sub, roles }) };
  }

  private keys(): Promise<JWTVerifyGetKey> {
    if (this.keySet) return this.keySet;
    if (Date.now() - this.failedAt < DISCOVERY_RETRY_MS) {
      return Promise.reject(new IdentityProviderUnavailable('discovery failed moments ago'));
    }
    const pending = discoverJwksUri(this.config.issuer).then((jwksUri) => {
      const remote = createRemoteJWKSet(jwksUri, {
        cooldownDuration: this.config.jwksCooldownSeconds * 1000,
        cacheMaxAge: JWKS_CACHE_MAX_AGE_MS,
        timeoutDuration: 5000,
      });
      return unavailableOnFetchFailure(remote);
    });
    this.keySet = pending;
    pending.catch(() => {
      this.keySet = undefined;
      this.failedAt = Date.now();
    });
    return pending;
  }
}

/** A JWKS that cannot be fetched or read is the provider's problem, not the token's. */
function unavailableOnFetchFailure(remote: JWTVerifyGetKey): JWTVerifyGetKey {
  return async (header, token) => {
    try {
      return await remote(header, token);
    } catch (error) {
      const providerSide =
        !(error instanceof errors.JOSEError) ||
        error instanceof errors.JWKSTimeout ||
        error instanceof errors.JWKSInvalid ||
        error.code === errors.JOSEError.code;
      if (providerSide)
        throw new IdentityProviderUnavailable(`key set: ${(error as Error).message}`);
      throw error;
    }
  };
}

function refusalOf(error: unknown): TokenRefusal {
  if (error instanceof IdentityProviderUnavailable) {
    return { kind: 'unavailable', reason: error.message };
  }
  if (error instanceof errors.JWTExpired) return { kind: 'expired' };
  // jose's messages name the check ('unexpected "aud" claim value'), never a claim's value.
  if (error instanceof errors.JOSEError) {
    return { kind: 'invalid', reason: `${error.code}: ${error.message}` };
  }
  return { kind: 'invalid', reason: 'unreadable token' };
}

function text(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  // eslint-disable-next-line no-control-regex -- control characters are what is removed
  const clean = value.replace(/[\u0000-\u001f\u007f]/g, '').trim();
  return clean === '' ? undefined : clean.slice(0, TEXT_MAX);
}

function identityOf(payload: JWTPayload, actor: Actor): OidcIdentity {
  const displayName = text(payload.name) ?? text(payload.preferred_username);
  const clientId = text(payload.client_id);
  const amr = Array.isArray(payload.amr)
    ? payload.amr.filter((v): v is string => typeof v === 'string')
    : undefined;
  const acr = text(payload.acr);
  const authTime =
    typeof payload.auth_time === 'number' && Number.isFinite(payload.auth_time)
      ? payload.auth_time
      : undefined;
  return {
    actor,
    ...(displayName !== undefined ? { displayName } : {}),
    ...(clientId !== undefined ? { clientId } : {}),
    ...(authTime !== undefined ? { authTime } : {}),
    ...(acr !== undefined ? { acr } : {}),
    ...(amr !== undefined ? { amr } : {}),
  };
}
