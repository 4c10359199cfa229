import { createHash, randomBytes } from 'node:crypto';
import { createRemoteJWKSet, jwtVerify, type JWTPayload } from 'jose';
import type { ConsoleOidcClient } from './oidc-client-config';

/** The parts of the provider's discovery document the console's sign-in uses. */
interface Discovery {
  readonly issuer: string;
  readonly authorization_endpoint: string;
  readonly token_endpoint: string;
  readonly jwks_uri: string;
  readonly end_session_endpoint?: string;
}

/** Tokens from the provider's token endpoint. Server-side only: never logged, never sent on. */
export interface ProviderTokens {
  readonly accessToken: string;
  readonly idToken: string;
}

/** The provider refused or answered something unusable; the message never holds a token. */
export class SignInFailed extends Error {
  constructor(
    message: string,
    /** `invalid_grant` and the like, when the provider said so. */
    readonly providerError?: string,
  ) {
    super(message);
    this.name = 'SignInFailed';
  }
}

/** What one authorization request needs remembered until its callback. */
export interface AuthorizationSecrets {
  readonly state: string;
  readonly nonce: string;
  readonly codeVerifier: string;
}

const random = () => randomBytes(32).toString('base64url');
/** RFC 7636 S256: BASE64URL(SHA256(verifier)). */
export const codeChallengeOf = (verifier: string) =>
  createHash('sha256').update(verifier, 'ascii').digest('base64url');

/** Asymmetric algorithms only: `none` and HMAC (a shared secret) are never accepted. */
const ID_TOKEN_ALGORITHMS = ['RS256', 'PS256', 'ES256', 'EdDSA'];
const CLOCK_TOLERANCE_SECONDS = 60;

/**
 * The API as a confidential OpenID Connect client (Authorization Code with PKCE S256,
 * client_secret_basic): builds the authorization URL, exchanges the code, checks the ID
 * token (signature from the provider's JWKS, `iss`, `aud`, `exp`, `iat`, `nonce`) and
 * builds the end-session URL. The discovery document and the JWKS are fetched once and
 * cached; jose refetches the JWKS when a token names an unknown key (key rotation).
 */
export class OidcRelyingParty {
  private discovery?: Promise<Discovery>;
  private jwks?: ReturnType<typeof createRemoteJWKSet>;

  constructor(
    readonly client: ConsoleOidcClient,
    private readonly now: () => number = Date.now,
  ) {}

  get redirectUri(): string {
    return `${this.client.publicUrl}/auth/callback`;
  }

  /** Fresh state, nonce and PKCE verifier for one sign-in. */
  static newSecrets(): AuthorizationSecrets {
    return { state: random(), nonce: random(), codeVerifier: random() };
  }

  async authorizationUrl(
    secrets: AuthorizationSecrets,
    /** A step-up: authenticate again now (`prompt=login`, `max_age=0`) with `acr_values`. */
    stepUp = false,
  ): Promise<string> {
    const { authorization_endpoint } = await this.metadata();
    const url = new URL(authorization_endpoint);
    const params: Record<string, string | undefined> = {
      response_type: 'code',
      client_id: this.client.clientId,
      redirect_uri: this.redirectUri,
      scope: this.client.scope ?? 'openid profile',
      state: secrets.state,
      nonce: secrets.nonce,
      code_challenge: codeChallengeOf(secrets.codeVerifier),
      code_challenge_method: 'S256',
      resource: this.client.audience,
      ...(stepUp ? { prompt: 'login', max_age: '0', acr_values: this.client.stepUpAcrValues } : {}),
    };
    for (const [name, value] of Object.entries(params)) {
      if (value !== undefined) url.searchParams.set(name, value);
    }
    return url.toString();
  }

  /** Exchanges the code and checks the ID token; SignInFailed on any refusal. */
  async exchange(code: string, secrets: AuthorizationSecrets): Promise<ProviderTokens> {
    const { token_endpoint } = await this.metadata();
    const body = new URLSearchParams({
      grant_type: 'authorization_code',
      code,
      redirect_uri: this.redirectUri,
      code_verifier: secrets.codeVerifier,
    });
    if (this.client.audience) body.set('resource', this.client.audience);
    const basic = Buffer.from(
      `${encodeURIComponent(this.client.clientId)}:${encodeURIComponent(this.client.clientSecret)}`,
    ).toString('base64');
    let response: Response;
    try {
      response = await fetch(token_endpoint, {
        method: 'POST',
        headers: {
          Authorization: `Basic ${basic}`,
          'Content-Type': 'application/x-www-form-urlencoded',
          Accept: 'application/json',
        },
        body,
        signal: AbortSignal.timeout(10_000),
      });
    } catch {
      throw new SignInFailed('the identity provider could not be reached');
    }
    const json = (await response.json().catch(() => ({}))) as Record<string, unknown>;
    if (!response.ok) {
      const error = typeof json.error === 'string' ? json.error : undefined;
      throw new SignInFailed(
        `the identity provider refused the code (${error ?? response.status})`,
        error,
      );
    }
    const accessToken = json.access_token;
    const idToken = json.id_token;
    if (typeof accessToken !== 'string' || typeof idToken !== 'string') {
      throw new SignInFailed('the identity provider sent no access token or ID token');
    }
    await this.verifyIdToken(idToken, secrets.nonce);
    return { accessToken, idToken };
  }

  /** The ID token's claims once signature, issuer, audience, times and nonce check out. */
  async verifyIdToken(idToken: string, nonce: string): Promise<JWTPayload> {
    const { issuer, jwks_uri } = await this.metadata();
    this.jwks ??= createRemoteJWKSet(new URL(jwks_uri));
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(idToken, this.jwks, {
        issuer,
        audience: this.client.clientId,
        algorithms: ID_TOKEN_ALGORITHMS,
        clockTolerance: CLOCK_TOLERANCE_SECONDS,
        currentDate: new Date(this.now()),
        requiredClaims: ['sub', 'iat', 'exp', 'nonce'],
      }));
    } catch (error) {
      throw new SignInFailed(`the ID token is not valid (${(error as Error).name})`);
    }
    if (payload.nonce !== nonce) throw new SignInFailed('the ID token is for another sign-in');
    if (
      Array.isArray(payload.aud) &&
      payload.aud.length > 1 &&
      payload.azp !== this.client.clientId
    ) {
      throw new SignInFailed('the ID token was issued to another client');
    }
    return payload;
  }

  /**
   * The provider's end-session URL (RP-initiated logout), or null when it has none. It
   * names the client, not the person: `id_token_hint` would hand the ID token to the
   * browser (and into the provider's access logs), which the BFF exists to avoid.
   */
  async endSessionUrl(postLogout: string): Promise<string | null> {
    const { end_session_endpoint } = await this.metadata();
    if (!end_session_endpoint) return null;
    const url = new URL(end_session_endpoint);
    url.searchParams.set('client_id', this.client.clientId);
    url.searchParams.set('post_logout_redirect_uri', postLogout);
    return url.toString();
  }

  private metadata(): Promise<Discovery> {
    this.discovery ??= this.fetchDiscovery().catch((error: unknown) => {
      this.discovery = undefined; // try again on the next sign-in
      throw error;
    });
    return this.discovery;
  }

  private async fetchDiscovery(): Promise<Discovery> {
    const issuer = this.client.issuer.replace(/\/$/, '');
    let response: Response;
    try {
      response = await fetch(`${issuer}/.well-known/openid-configuration`, {
        headers: { Accept: 'application/json' },
        signal: AbortSignal.timeout(10_000),
      });
    } catch {
      throw new SignInFailed('the identity provider could not be reached');
    }
    const doc = (await response.json().catch(() => undefined)) as Partial<Discovery> | undefined;
    if (
      !response.ok ||
      !doc ||
      doc.issuer?.replace(/\/$/, '') !== issuer ||
      typeof doc.authorization_endpoint !== 'string' ||
      typeof doc.token_endpoint !== 'string' ||
      typeof doc.jwks_uri !== 'string'
    ) {
      throw new SignInFailed('the identity provider’s discovery document is not usable');
    }
    return doc as Discovery;
  }
}
