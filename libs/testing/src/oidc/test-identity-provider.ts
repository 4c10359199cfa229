// eslint-disable-next-line @typescript-eslint/triple-slash-reference -- an ambient declaration (oidc-provider has no types) that must follow this file into any program, the console's tests included
/// <reference path="./oidc-provider.d.ts" />
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Provider } from 'oidc-provider';
import { handleInteraction } from './interactions';
import { memoryStore } from './memory-store';
import { signInWithPkce, type SignInOptions, type SignedIn } from './login-driver';
import {
  newSigningKey,
  publicJwkOf,
  type PrivateSigningJwk,
  type SigningAlg,
} from './signing-keys';
import {
  TEST_ACR_MFA,
  TEST_ACR_PASSWORD,
  TEST_AUDIENCE,
  TEST_INTEGRATION_CLIENTS,
  TEST_LOGIN_CLIENT,
  TEST_USERS,
  type TestClient,
  type TestUser,
} from './test-users';

export interface TestIdentityProviderOptions {
  /** Resource indicator and `aud` of the JWT access tokens. Default TEST_AUDIENCE. */
  readonly audience?: string;
  /** Default TEST_USERS. */
  readonly users?: readonly TestUser[];
  /** Added to TEST_LOGIN_CLIENT and TEST_INTEGRATION_CLIENTS. */
  readonly clients?: readonly TestClient[];
  /** Access token lifetime. Default 600 s. */
  readonly accessTokenTtlSeconds?: number;
  /** Algorithm of the first signing key. Default RS256. */
  readonly alg?: SigningAlg;
}

export interface TestIdentityProvider {
  /** `http://127.0.0.1:<port>` (no trailing slash). */
  readonly issuer: string;
  readonly audience: string;
  readonly users: readonly TestUser[];
  /** Adds (or replaces, by client id) a client; takes effect at once, sessions kept. */
  registerClient(client: TestClient): void;
  /** A new signing key becomes current; the old ones stay in the JWKS until retired. */
  rotateSigningKey(alg?: SigningAlg): PrivateSigningJwk;
  /** Drops every signing key but the current one from the JWKS. */
  retireOldSigningKeys(): void;
  /** The key access tokens are signed with now (private JWK: for hostile-token tests). */
  currentSigningKey(): PrivateSigningJwk;
  /** The published JWKS (public keys). */
  publicJwks(): { keys: Record<string, unknown>[] };
  /** An access token from the token endpoint by client credentials (an integration). */
  clientCredentialsToken(clientId: string, options?: { resource?: string }): Promise<string>;
  /** A person's sign-in through the real Authorization Code + PKCE flow, over plain HTTP. */
  signIn(options: SignInOptions): Promise<SignedIn>;
  /** Errors the provider reported while serving (should stay empty). */
  readonly serverErrors: readonly unknown[];
  /** How many requests each path received (`/jwks`, `/.well-known/openid-configuration`, …). */
  requestsTo(path: string): number;
  close(): Promise<void>;
}

/**
 * A real OpenID provider (`oidc-provider`) on a free loopback port: test users with roles and
 * groups, JWT access tokens for one resource (RFC 8707 + RFC 9068), MFA shown in `acr`/`amr`
 * on demand, Authorization Code + PKCE and client-credentials clients, and key rotation
 * without a restart. Configuration changes (rotation, new clients) build a fresh Provider
 * behind the same listener; its in-memory store is shared, so sessions and grants survive.
 */
export async function startTestIdentityProvider(
  options: TestIdentityProviderOptions = {},
): Promise<TestIdentityProvider> {
  // oidc-provider is ESM-only; import() keeps it out of the CommonJS module graph at load.
  const { Provider, errors } = await import('oidc-provider');
  const audience = options.audience ?? TEST_AUDIENCE;
  const users = [...(options.users ?? TEST_USERS)];
  const clients = new Map<string, TestClient>();
  for (const c of [TEST_LOGIN_CLIENT, ...TEST_INTEGRATION_CLIENTS, ...(options.clients ?? [])]) {
    clients.set(c.clientId, c);
  }
  let keys: PrivateSigningJwk[] = [newSigningKey(options.alg)];
  const cookieKeys = [randomBytes(32).toString('base64url')];
  const serverErrors: unknown[] = [];
  const adapter = memoryStore();
  let provider: Provider | undefined;

  const server = createServer((req, res) => void serve(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const requestCounts = new Map<string, number>();

  async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '').split('?')[0]!;
    requestCounts.set(path, (requestCounts.get(path) ?? 0) + 1);
    try {
      if (req.url?.startsWith('/interaction/')) {
        await handleInteraction(provider!, () => users, req, res);
      } else {
        provider!.callback()(req, res);
      }
    } catch (error) {
      serverErrors.push(error);
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(String(error));
    }
  }

  function build(): void {
    const current = keys[0]!;
    const next = new Provider(issuer, {
      adapter,
      clients: [...clients.values()].map((c) => clientMetadata(c, current.alg)),
      jwks: { keys },
      cookies: { keys: cookieKeys },
      acrValues: [TEST_ACR_PASSWORD, TEST_ACR_MFA],
      claims: {
        openid: ['sub'],
        profile: ['name', 'preferred_username'],
        email: ['email'],
        groups: ['groups'],
        roles: ['roles'],
      },
      findAccount: (_ctx: unknown, sub: string) => {
        const user = users.find((u) => u.sub === sub);
        return user && { accountId: sub, claims: () => userClaims(user) };
      },
      interactions: {
        url: (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}`,
      },
      // First-party clients only: every requested scope is granted without a consent page.
      loadExistingGrant: async (ctx: GrantContext) => {
        const grant = new ctx.oidc.provider.Grant({
          clientId: ctx.oidc.client.clientId,
          accountId: ctx.oidc.session.accountId,
        });
        grant.addOIDCScope(ctx.oidc.params.scope ?? 'openid');
        grant.addOIDCClaims(['sub', 'name', 'preferred_username', 'email', 'groups', 'roles']);
        grant.addResourceScope(audience, 'api');
        await grant.save();
        return grant;
      },
      extraTokenClaims: (
        ctx: TokenContext,
        token: { kind: string; accountId?: string; clientId?: string },
      ) => {
        if (token.accountId !== undefined) {
          const user = users.find((u) => u.sub === token.accountId);
          const auth = ctx?.oidc?.entities?.AuthorizationCode ?? ctx?.oidc?.entities?.RefreshToken;
          return {
            ...(user ? userClaims(user) : {}),
            ...(auth?.authTime !== undefined ? { auth_time: auth.authTime } : {}),
            ...(auth?.acr !== undefined ? { acr: auth.acr } : {}),
            ...(auth?.amr !== undefined ? { amr: auth.amr } : {}),
          };
        }
        const roles = token.clientId === undefined ? undefined : clients.get(token.clientId)?.roles;
        return roles ? { roles: [...roles] } : undefined;
      },
      features: {
        devInteractions: { enabled: false },
        clientCredentials: { enabled: true },
        rpInitiatedLogout: { enabled: true },
        resourceIndicators: {
          enabled: true,
          defaultResource: () => audience,
          useGrantedResource: () => true,
          getResourceServerInfo: (_ctx: unknown, resource: string) => {
            if (resource !== audience) throw new errors.InvalidTarget();
            return {
              scope: 'api',
              audience,
              accessTokenFormat: 'jwt',
              accessTokenTTL: options.accessTokenTtlSeconds ?? 600,
              jwt: { sign: { alg: current.alg, kid: current.kid } },
            };
          },
        },
      },
      pkce: { required: () => true },
      ttl: {
        AccessToken: options.accessTokenTtlSeconds ?? 600,
        ClientCredentials: options.accessTokenTtlSeconds ?? 600,
        AuthorizationCode: 60,
        IdToken: 3600,
        Interaction: 3600,
        Grant: 14 * 24 * 3600,
        Session: 14 * 24 * 3600,
        RefreshToken: 14 * 24 * 3600,
      },
    });
    next.on('server_error', (_ctx, error) => serverErrors.push(error));
    provider = next;
  }
  build();

  return {
    issuer,
    audience,
    get users() {
      return users;
    },
    serverErrors,
    requestsTo: (path) => requestCounts.get(path) ?? 0,
    registerClient(client) {
      clients.set(client.clientId, client);
      build();
    },
    rotateSigningKey(alg) {
      const key = newSigningKey(alg ?? options.alg);
      keys = [key, ...keys];
      build();
      return key;
    },
    retireOldSigningKeys() {
      keys = [keys[0]!];
      build();
    },
    currentSigningKey: () => keys[0]!,
    publicJwks: () => ({ keys: keys.map(publicJwkOf) }),
    async clientCredentialsToken(clientId, { resource = audience } = {}) {
      const client = clients.get(clientId);
      if (!client?.clientSecret) throw new Error(`no confidential client ${clientId}`);
      const response = await fetch(`${issuer}/token`, {
        method: 'POST',
        headers: {
          authorization: `Basic ${Buffer.from(`${encodeURIComponent(clientId)}:${encodeURIComponent(client.clientSecret)}`).toString('base64')}`,
          'content-type': 'application/x-www-form-urlencoded',
        },
        body: new URLSearchParams({ grant_type: 'client_credentials', scope: 'api', resource }),
      });
      const body = (await response.json()) as { access_token?: string };
      if (!response.ok || !body.access_token) {
        throw new Error(
          `client credentials for ${clientId}: ${response.status} ${JSON.stringify(body)}`,
        );
      }
      return body.access_token;
    },
    signIn: (signIn) => signInWithPkce(issuer, audience, clients, signIn),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

interface GrantContext {
  oidc: {
    provider: Provider;
    client: { clientId: string };
    session: { accountId: string };
    params: { scope?: string };
  };
}

interface AuthenticationFacts {
  authTime?: number;
  acr?: string;
  amr?: string[];
}

interface TokenContext {
  oidc?: {
    entities?: { AuthorizationCode?: AuthenticationFacts; RefreshToken?: AuthenticationFacts };
  };
}

function userClaims(user: TestUser): Record<string, unknown> {
  return {
    sub: user.sub,
    preferred_username: user.username,
    ...(user.name !== undefined ? { name: user.name } : {}),
    ...(user.email !== undefined ? { email: user.email } : {}),
    ...(user.roles !== undefined ? { roles: [...user.roles] } : {}),
    ...(user.groups !== undefined ? { groups: [...user.groups] } : {}),
  };
}

// ID tokens are signed with the current key's algorithm (a retired algorithm has no key left).
function clientMetadata(client: TestClient, alg: SigningAlg): Record<string, unknown> {
  const redirectUris = [...(client.redirectUris ?? [])];
  const grantTypes =
    client.grantTypes ??
    (redirectUris.length > 0 ? ['authorization_code', 'refresh_token'] : ['client_credentials']);
  const usesCode = grantTypes.includes('authorization_code');
  return {
    client_id: client.clientId,
    id_token_signed_response_alg: alg,
    ...(client.clientSecret !== undefined
      ? { client_secret: client.clientSecret, token_endpoint_auth_method: 'client_secret_basic' }
      : { token_endpoint_auth_method: 'none' }),
    grant_types: [...grantTypes],
    response_types: usesCode ? ['code'] : [],
    redirect_uris: redirectUris,
    post_logout_redirect_uris: [...(client.postLogoutRedirectUris ?? [])],
  };
}
