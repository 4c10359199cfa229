import type { Actor } from '@account-ops/accounts';
import type { ApiKeyRing, KeyRefusal } from './api-keys';
import type { ApiRequest } from './request-context';

/** Who sent a request: the actor of a valid key, or nobody (and why). */
export type Caller =
  | { readonly actor: Actor }
  | { readonly actor?: undefined; readonly refusal: 'missing' | KeyRefusal };

const BEARER = /^Bearer +(\S+) *$/i;
const identified = new WeakMap<ApiRequest, Caller>();

/**
 * Looks the request's `Authorization: Bearer <key>` up once per request: the rate limiter
 * (which counts per actor, or per address when there is no valid key) and the API key
 * guard (which refuses) both ask, in that order.
 */
export function identifyCaller(request: ApiRequest, keys: ApiKeyRing): Caller {
  const known = identified.get(request);
  if (known) return known;
  const header = request.headers.authorization;
  const key = header === undefined ? undefined : BEARER.exec(header)?.[1];
  const caller: Caller =
    key !== undefined
      ? keys.lookup(key)
      : { refusal: header === undefined ? 'missing' : 'invalid' };
  identified.set(request, caller);
  return caller;
}
