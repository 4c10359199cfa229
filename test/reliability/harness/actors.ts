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

export function authorization(name: RelActor): string {
  return `Bearer ${keyOf(name)}`;
}

/** The card fingerprint secret of the test APIs (≥ 16 characters). */
export const REL_CARD_SECRET = 'reliability-card-fingerprint-secret';
