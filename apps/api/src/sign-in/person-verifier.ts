import type { Actor } from '@account-ops/accounts';
import type { CallerIdentity } from '../auth/caller';

/** Who a console session is: the actor and the facts of the sign-in (auth_time, acr, amr). */
export interface SessionPerson {
  readonly actor: Actor;
  readonly identity: CallerIdentity;
}

/**
 * Turns a person's access token (from the identity provider) into who it stands for, with
 * the same checks as a bearer token (signature, issuer, audience, times, roles): throws an
 * ApiError (401/403/503) when it does not pass. Bound to the API's bearer-token verifier,
 * so a session and a bearer token are judged alike.
 */
export type PersonVerifier = (accessToken: string) => Promise<SessionPerson>;

export const PERSON_VERIFIER = Symbol('PERSON_VERIFIER');
