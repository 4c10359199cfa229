import { ApiFailure, networkProblem, toProblem } from './problem';
import { retryAfterSeconds } from './retry-after';
import type { Session } from './types';

export type WriteMethod = 'POST' | 'PUT' | 'DELETE';

/** Headers of a write: the intent's key (reused on every retry) and a step-up code. */
export interface WriteHeaders {
  readonly idempotencyKey: string;
  readonly stepUpCode?: string;
}

/** What the client tells the page about, whichever screen made the call. */
export interface ClientEvents {
  /** 401: the key is no longer accepted. */
  onUnauthenticated(): void;
  /** 429 or 503: the server asks to wait. */
  onBusy(failure: ApiFailure): void;
}

type Query = Readonly<Record<string, string | number | undefined>>;

/**
 * The API over fetch, same origin. The key goes in the Authorization header only: never
 * into a URL (query strings are logged), so queries carry ids, versions and filters only.
 */
export class ApiClient {
  constructor(
    private readonly apiKey: string,
    private readonly events: ClientEvents,
  ) {}

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

  private async send<T>(
    method: string,
    url: string,
    body?: string,
    headers: Record<string, string> = {},
  ): Promise<T> {
    let response: Response;
    try {
      response = await fetch(url, {
        method,
        body,
        headers: { Accept: 'application/json', Authorization: `Bearer ${this.apiKey}`, ...headers },
        credentials: 'omit',
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
    if (response.status === 401) this.events.onUnauthenticated();
    if (response.status === 429 || response.status === 503) this.events.onBusy(failure);
    throw failure;
  }
}

/** Signs in: who the key is, or the API's refusal. */
export async function whoAmI(apiKey: string): Promise<Session> {
  const client = new ApiClient(apiKey, { onUnauthenticated: () => {}, onBusy: () => {} });
  return client.get('/me');
}
