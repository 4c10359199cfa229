import type { Actor } from '@account-ops/accounts';
import type { ApiKeyRing, KeyRefusal } from './api-keys';
import type { OidcIdentity, OidcTokenVerifier, TokenRefusal } from './oidc/oidc-token-verifier';
import type { ApiRequest } from './request-context';
import type { SessionLookup } from './session-caller';

/** How the caller proved who they are. */
export type CallerIdentity =
  { readonly method: 'api_key' } | ({ readonly method: 'oidc' } & Omit<OidcIdentity, 'actor'>);

/** Who sent a request: an actor with how they were identified, or nobody (and why). */
export type Caller =
  | { readonly actor: Actor; readonly identity: CallerIdentity; readonly refusal?: undefined }
  | { readonly actor?: undefined; readonly refusal: CallerRefusal };

export type CallerRefusal =
  | { readonly kind: 'missing' }
  | { readonly kind: 'malformed' }
  | { readonly kind: 'key'; readonly why: KeyRefusal }
  | { readonly kind: 'token'; readonly why: TokenRefusal }
  /** The console session cookie names a session that ended (or never was). */
  | { readonly kind: 'session'; readonly why: 'idle' | 'absolute' | 'unknown' }
  /** A write with the session cookie but without its CSRF token (or from another origin). */
  | { readonly kind: 'csrf' };

const BEARER = /^Bearer +(\S+) *$/i;
// Three base64url parts (the signature may be empty: `alg: none`). API keys have no dots
// in this shape when generated (`account-ops api-keys generate`).
const JWT_SHAPE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;

/**
 * Finds out once per request who sent it: the rate limiter (which counts per actor, or per
 * address without one) and the guard (which refuses) both ask, and share the answer.
 * `Authorization: Bearer <credential>`: a JWT goes to the OIDC verifier when an issuer is
 * configured; anything else is looked up among the API keys. Without the header, the
 * console's session cookie (single sign-on, sign-in/), when the app has sessions.
 */
export class CallerIdentifier {
  private readonly identified = new WeakMap<ApiRequest, Promise<Caller>>();

  constructor(
    private readonly keys: ApiKeyRing,
    readonly oidc?: OidcTokenVerifier,
    private readonly sessions?: (request: ApiRequest) => Promise<SessionLookup | undefined>,
  ) {}

  identify(request: ApiRequest): Promise<Caller> {
    let caller = this.identified.get(request);
    if (!caller) {
      caller = this.lookUp(request);
      this.identified.set(request, caller);
    }
    return caller;
  }

  private async lookUp(request: ApiRequest): Promise<Caller> {
    const header = request.headers.authorization;
    if (header === undefined) return this.fromSession(request);
    const credential = BEARER.exec(header)?.[1];
    if (credential === undefined) return { refusal: { kind: 'malformed' } };
    if (this.oidc && JWT_SHAPE.test(credential)) {
      const checked = await this.oidc.verify(credential);
      if (checked.refusal) return { refusal: { kind: 'token', why: checked.refusal } };
      const { actor, ...facts } = checked.identity;
      return { actor, identity: { method: 'oidc', ...facts } };
    }
    const found = this.keys.lookup(credential);
    return 'actor' in found
      ? { actor: found.actor, identity: { method: 'api_key' } }
      : { refusal: { kind: 'key', why: found.refusal } };
  }

  private async fromSession(request: ApiRequest): Promise<Caller> {
    const found = await this.sessions?.(request);
    if (found === undefined) return { refusal: { kind: 'missing' } };
    if (found.refusal === 'csrf') return { refusal: { kind: 'csrf' } };
    if (found.refusal !== undefined) return { refusal: { kind: 'session', why: found.refusal } };
    return { actor: found.person.actor, identity: found.person.identity };
  }
}

/** Why a request was not authenticated, for the request log line (never the credential). */
export function refusalReason(refusal: CallerRefusal): string {
  switch (refusal.kind) {
    case 'missing':
    case 'malformed':
      return refusal.kind;
    case 'key':
      return `api key ${refusal.why}`;
    case 'token': {
      const why = refusal.why;
      if (why.kind === 'invalid' || why.kind === 'unavailable') {
        return `token ${why.kind}: ${why.reason}`;
      }
      return why.kind === 'no_role' ? `token grants no role (sub ${why.subject})` : 'token expired';
    }
    case 'session':
      return `console session ${refusal.why}`;
    case 'csrf':
      return 'console session without its CSRF token';
  }
}
