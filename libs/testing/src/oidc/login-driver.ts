import { createHash, randomBytes } from 'node:crypto';
import type { TestClient } from './test-users';
import { TEST_LOGIN_CLIENT } from './test-users';

export interface SignInOptions {
  readonly username: string;
  /** Password; default `<username>-password` (the TEST_USERS convention). */
  readonly password?: string;
  /** Enter the one-time code too: `acr` TEST_ACR_MFA, `amr` includes `mfa`. */
  readonly mfa?: boolean;
  /** Back-date the authentication (`auth_time`) by this many seconds. */
  readonly authenticatedSecondsAgo?: number;
  /** Default TEST_LOGIN_CLIENT. Must have a redirect URI; a secret is sent when it has one. */
  readonly clientId?: string;
  readonly scope?: string;
  /** Authorization request extras: `max_age`, `acr_values`, `prompt`. */
  readonly maxAge?: number;
  readonly acrValues?: string;
  readonly prompt?: string;
}

export interface SignedIn {
  readonly accessToken: string;
  readonly idToken: string;
  readonly refreshToken?: string;
}

/**
 * Drives Authorization Code + PKCE over plain HTTP, as a browser would: authorization request,
 * the provider's login form, the redirect back with a code, the token request.
 */
export async function signInWithPkce(
  issuer: string,
  audience: string,
  clients: ReadonlyMap<string, TestClient>,
  options: SignInOptions,
): Promise<SignedIn> {
  const client = clients.get(options.clientId ?? TEST_LOGIN_CLIENT.clientId);
  const redirectUri = client?.redirectUris?.[0];
  if (!client || !redirectUri)
    throw new Error(`no client with a redirect URI: ${options.clientId}`);
  const verifier = randomBytes(32).toString('base64url');
  const state = randomBytes(16).toString('base64url');
  const jar = new Map<string, string>();
  const authorize = new URL(`${issuer}/auth`);
  authorize.search = new URLSearchParams({
    client_id: client.clientId,
    response_type: 'code',
    redirect_uri: redirectUri,
    scope: options.scope ?? 'openid profile api',
    state,
    code_challenge: createHash('sha256').update(verifier).digest('base64url'),
    code_challenge_method: 'S256',
    resource: audience,
    ...(options.maxAge !== undefined ? { max_age: String(options.maxAge) } : {}),
    ...(options.acrValues !== undefined ? { acr_values: options.acrValues } : {}),
    ...(options.prompt !== undefined ? { prompt: options.prompt } : {}),
  }).toString();

  let location = await step(jar, authorize.href);
  for (let hops = 0; !location.startsWith(redirectUri); hops++) {
    if (hops > 10) throw new Error(`sign-in did not come back to ${redirectUri}`);
    const url = new URL(location, issuer);
    if (/^\/interaction\/[^/]+$/.test(url.pathname)) {
      await step(jar, url.href); // the login page, as a browser would load it
      location = await step(jar, `${url.href}/login`, {
        username: options.username,
        password: options.password ?? `${options.username}-password`,
        otp: options.mfa ? '123456' : '',
        auth_age: String(options.authenticatedSecondsAgo ?? 0),
      });
    } else {
      location = await step(jar, url.href);
    }
  }
  const back = new URL(location).searchParams;
  if (back.get('state') !== state) throw new Error('state mismatch');
  const code = back.get('code');
  if (!code) throw new Error(`no code: ${back.get('error')} ${back.get('error_description')}`);

  const response = await fetch(`${issuer}/token`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      ...(client.clientSecret !== undefined
        ? {
            authorization: `Basic ${Buffer.from(`${encodeURIComponent(client.clientId)}:${encodeURIComponent(client.clientSecret)}`).toString('base64')}`,
          }
        : {}),
    },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code,
      redirect_uri: redirectUri,
      code_verifier: verifier,
      resource: audience,
      ...(client.clientSecret === undefined ? { client_id: client.clientId } : {}),
    }),
  });
  const body = (await response.json()) as {
    access_token?: string;
    id_token?: string;
    refresh_token?: string;
  };
  if (!response.ok || !body.access_token || !body.id_token) {
    throw new Error(`token request: ${response.status} ${JSON.stringify(body)}`);
  }
  return {
    accessToken: body.access_token,
    idToken: body.id_token,
    ...(body.refresh_token ? { refreshToken: body.refresh_token } : {}),
  };
}

/** One request with the cookie jar; returns the redirect target (or '' for a page). */
async function step(
  jar: Map<string, string>,
  url: string,
  form?: Record<string, string>,
): Promise<string> {
  const response = await fetch(url, {
    method: form ? 'POST' : 'GET',
    redirect: 'manual',
    headers: {
      cookie: [...jar].map(([name, value]) => `${name}=${value}`).join('; '),
      ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
    },
    ...(form ? { body: new URLSearchParams(form) } : {}),
  });
  for (const cookie of response.headers.getSetCookie()) {
    const [pair, ...attributes] = cookie.split(';');
    const eq = pair!.indexOf('=');
    const name = pair!.slice(0, eq).trim();
    const value = pair!.slice(eq + 1).trim();
    const expired = attributes.some(
      (a) => /^\s*expires=Thu, 01 Jan 1970/i.test(a) || /^\s*max-age=0\s*$/i.test(a),
    );
    if (expired || value === '') jar.delete(name);
    else jar.set(name, value);
  }
  const text = await response.text();
  if (response.status >= 300 && response.status < 400)
    return response.headers.get('location') ?? '';
  if (response.status >= 400) throw new Error(`${url}: ${response.status} ${text.slice(0, 300)}`);
  if (form)
    throw new Error(
      `login refused: ${/role="alert">([^<]*)/.exec(text)?.[1] ?? text.slice(0, 200)}`,
    );
  return '';
}
