import type { Actor } from '@account-ops/accounts';
import type { ApiKeyEntry } from '../../../apps/api/src/auth/api-keys';

/**
 * The callers of the reliability tests, one per role the workloads need, and their API
 * keys. Test-only values, shared by the driver and the child API; never logged.
 */
export const REL_ACTORS = {
  operator: { id: 'rel-op', roles: ['operator'] },
  approver: { id: 'rel-ap-1', roles: ['approver'] },
  approver2: { id: 'rel-ap-2', roles: ['approver'] },
  admin: { id: 'rel-admin', roles: ['admin'] },
  system: { id: 'rel-gateway', roles: ['system'] },
  auditor: { id: 'rel-auditor', roles: ['auditor'] },
} as const satisfies Record<string, Actor>;

export type RelActor = keyof typeof REL_ACTORS;

const keyOf = (name: RelActor): string => `reliability-${name}-key-5f0c2a9d41e8`;

export function relApiKeys(): ApiKeyEntry[] {
  return (Object.keys(REL_ACTORS) as RelActor[]).map((name) => ({
    key: keyOf(name),
    actor: REL_ACTORS[name],
  }));
}

/** Access tokens of callers signed in at the drills' identity provider (drill-identity.ts). */
const signedIn = new Map<RelActor, string>();

/**
 * From now on `name` calls with this access token instead of its API key (undefined: back to
 * the key). A person's token with a recent MFA sign-in is how the drills' admin gives the
 * second factor every card change needs, on any number of accounts at once.
 */
export function useAccessToken(name: RelActor, token: string | undefined): void {
  if (token === undefined) signedIn.delete(name);
  else signedIn.set(name, token);
}

export function authorization(name: RelActor): string {
  return `Bearer ${signedIn.get(name) ?? keyOf(name)}`;
}

/** The card fingerprint secret of the test APIs (≥ 16 characters). */
export const REL_CARD_SECRET = 'reliability-card-fingerprint-secret';
