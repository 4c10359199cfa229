import type { Actor } from '@account-ops/accounts';

/**
 * Turns a person's access token (from the identity provider) into the actor it stands for,
 * with the same checks as a bearer token (signature, issuer, audience, times, roles):
 * throws an ApiError (401/403) when it does not pass. Bound to the API's bearer-token
 * verifier, so a session and a bearer token are judged alike.
 */
export type PersonVerifier = (accessToken: string) => Promise<Actor>;

export const PERSON_VERIFIER = Symbol('PERSON_VERIFIER');
