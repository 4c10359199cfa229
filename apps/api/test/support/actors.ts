import { RFC_6238_SHA1_SECRET } from '@account-ops/testing';
import type { Actor, Role } from '@account-ops/accounts';
import { parseApiKeys, type ApiKeyEntry } from '../../src/auth/api-keys';

/** The callers of the e2e tests: one per role, a second operator and approver, a maker-checker. */
export const ACTORS = {
  operator: { id: 'op-1', roles: ['operator'] },
  operator2: { id: 'op-2', roles: ['operator'] },
  approver: { id: 'ap-1', roles: ['approver'] },
  approver2: { id: 'ap-2', roles: ['approver'] },
  admin: { id: 'admin-1', roles: ['admin'] },
  compliance: { id: 'co-1', roles: ['compliance'] },
  auditor: { id: 'au-1', roles: ['auditor'] },
  system: { id: 'gateway', roles: ['system'] },
  paymentGateway: { id: 'pay-gw', roles: ['payment_gateway'] },
  identityProvider: { id: 'idp', roles: ['identity_provider'] },
  billing: { id: 'billing-1', roles: ['billing'] },
  scheduler: { id: 'sched-1', roles: ['scheduler'] },
  makerChecker: { id: 'mc-1', roles: ['operator', 'approver'] },
} as const satisfies Record<string, Actor>;

export type ActorName = keyof typeof ACTORS;

/** The single-role actor of each role, for the generated role matrix. */
export const ACTOR_OF_ROLE: { readonly [R in Role]: ActorName } = {
  operator: 'operator',
  approver: 'approver',
  admin: 'admin',
  compliance: 'compliance',
  auditor: 'auditor',
  payment_gateway: 'paymentGateway',
  identity_provider: 'identityProvider',
  billing: 'billing',
  scheduler: 'scheduler',
  system: 'system',
};

export const keyOf = (name: ActorName): string => `test-${name}-key-0123456789abcdef`;

/** The keys as `ACCOUNT_OPS_API_KEYS` would carry them (parsed by the real parser). */
export function testApiKeys(): ApiKeyEntry[] {
  const text = Object.entries(ACTORS)
    .map(([name, actor]) => `${keyOf(name as ActorName)}=${actor.id}:${actor.roles.join('|')}`)
    .join(';');
  return parseApiKeys(text);
}

/** RFC 6238's test secret, configured for the operator (bank-card changes, large top-ups). */
export const OPERATOR_TOTP_SECRET = RFC_6238_SHA1_SECRET;
