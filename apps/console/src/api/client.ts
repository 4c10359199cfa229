import { ApiFailure, networkProblem, toProblem } from './problem';
import { retryAfterSeconds } from './retry-after';
import type { Session, SignInMethods } from './types';

/**
 * How the console proves who it is: an API key in the Authorization header (development
 * only), or the httpOnly session cookie the browser sends by itself after single sign-on,
 * with the session's CSRF token on writes.
 */
export type Credential = { readonly apiKey: string } | { readonly csrfToken: string };

export type WriteMethod = 'POST' | 'PUT' | 'DELETE';
export type ManageMethod = 'POST' | 'PATCH' | 'DELETE';

/** Headers of a write: the intent's key (reused on every retry) and a step-up code. */
export interface WriteHeaders {
  readonly idempotencyKey: string;
  readonly stepUpCode?: string;
}

/** What the client tells the page about, whichever screen made the call. */
export interface ClientEvents {
  /** 401: the key or session is no longer accepted. */
  onUnauthenticated(failure: ApiFailure): void;
  /** 429 or 503: the server asks to wait. */
  onBusy(failure: ApiFailure): void;
}

type Query = Readonly<Record<string, string | number | undefined>>;

/**
 * The API over fetch, same origin. A key goes in the Authorization header only: never
 * into a URL (query strings are logged), so queries carry ids, versions and filters only.
 * A session is the browser's cookie (never readable by scripts) plus the CSRF token.
 */
export class ApiClient {
  constructor(
    private readonly credential: Credential,
    private readonly events: ClientEvents,
  ) {}

  /** Signed in with single sign-on (a cookie session) rather than a pasted key. */
  get singleSignOn(): boolean {
    return 'csrfToken' in this.credential;
  }

  get<T>(path: string, query: Query = {}): Promise<T> {
    const params = new URLSearchParams();
    for (const [name, value] of Object.entries(query)) {
      if (value !== undefined && value !== '') params.set(name, String(value));
    }
    const search = params.toString();
    return this.send<T>('GET', search ? `${path}?${search}` : path);
  }

  /**
   * A read whose input must stay out of the URL (a search for a name or an e-mail): the
   * input goes in a POST body, which no access log or browser history keeps.
   */
  find<T>(path: string, body: object): Promise<T> {
    return this.send<T>('POST', path, JSON.stringify(body), { 'Content-Type': 'application/json' });
  }

  write<T>(method: WriteMethod, path: string, body: object, headers: WriteHeaders): Promise<T> {
    const extra: Record<string, string> = {
      'Content-Type': 'application/json',
      'Idempotency-Key': headers.idempotencyKey,
    };
    if (headers.stepUpCode) extra['X-Step-Up-Code'] = headers.stepUpCode;
    return this.send<T>(method, path, JSON.stringify(body), extra);
  }

  /**
   * An administrative call without a command (webhook endpoints): no Idempotency-Key, as
   * the API takes none there; the body, when there is one, is JSON.
   */
  manage<T>(method: ManageMethod, path: string, body?: object): Promise<T> {
    return body === undefined
      ? this.send<T>(method, path)
      : this.send<T>(method, path, JSON.stringify(body), { 'Content-Type': 'application/json' });
  }

  /** `POST /auth/logout`: ends the session; where to end it at the provider, if anywhere. */
  signOut(): Promise<{ endSessionUrl: string | null }> {
    return this.send('POST', '/auth/logout');
  }

  private async send<T>(
    method: string,
    url: string,
    body?: string,
    headers: Record<string, string> = {},
  ): Promise<T> {
    const credential: Record<string, string> =
      'apiKey' in this.credential
        ? { Authorization: `Bearer ${this.credential.apiKey}` }
        : method === 'GET'
          ? {}
          : { 'X-CSRF-Token': this.credential.csrfToken };
    let response: Response;
    try {
      response = await fetch(url, {
        method,
        body,
        headers: { Accept: 'application/json', ...credential, ...headers },
        // The session cookie only with a session: a key never travels with a cookie.
        credentials: 'apiKey' in this.credential ? 'omit' : 'same-origin',
        cache: 'no-store',
      });
    } catch {
      throw new ApiFailure(networkProblem());
    }
    const parsed: unknown = await response.json().catch(() => undefined);
    if (response.ok) return parsed as T;
    const failure = new ApiFailure(
      toProblem(response.status, response.statusText, parsed),
      retryAfterSeconds(response.headers.get('Retry-After'), Date.now()),
    );
    if (response.status === 401) this.events.onUnauthenticated(failure);
    if (response.status === 429 || response.status === 503) this.events.onBusy(failure);
    throw failure;
  }
}

const QUIET: ClientEvents = { onUnauthenticated: () => {}, onBusy: () => {} };

/** Signs in: who the key is, or the API's refusal. */
export async function whoAmI(apiKey: string): Promise<Session> {
  return new ApiClient({ apiKey }, QUIET).get('/me');
}

/** Who the session cookie (if any) is: after single sign-on, or a reload. */
export async function whoAmIBySession(): Promise<Session> {
  return new ApiClient({ csrfToken: '' }, QUIET).get('/me');
}

/** `GET /auth/options`: the sign-in methods the server offers. */
export async function signInMethods(): Promise<SignInMethods> {
  return new ApiClient({ csrfToken: '' }, QUIET).get('/auth/options');
}
