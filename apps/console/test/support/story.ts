import { newTotpSecret } from './totp';

/** The people of the browser suite: key, actor, roles. Fixed keys (ACCOUNT_OPS_API_KEYS). */
export const PEOPLE = {
  operator: { key: 'console-operator-key-0123456789', id: 'op-1', roles: 'operator' },
  approver: { key: 'console-approver-key-0123456789', id: 'ap-1', roles: 'approver' },
  approver2: { key: 'console-approver2-key-012345678', id: 'ap-2', roles: 'approver' },
  auditor: { key: 'console-auditor-key-01234567890', id: 'au-1', roles: 'auditor' },
  admin: { key: 'console-admin-key-0123456789abc', id: 'admin-1', roles: 'admin' },
  gateway: { key: 'console-gateway-key-0123456789a', id: 'gateway', roles: 'system' },
  makerChecker: { key: 'console-maker-checker-key-01234', id: 'mc-1', roles: 'operator|approver' },
  compliance: { key: 'console-compliance-key-012345678', id: 'co-1', roles: 'compliance' },
} as const;

export type Person = keyof typeof PEOPLE;

/** Approvals of refunds above this (minor units) ask for the approver's code. */
export const APPROVAL_STEP_UP_ABOVE = 10_000;

/** The server's environment, with fresh 160-bit TOTP secrets for the two approvers. */
export function storyEnvironment() {
  const secrets = { approver: newTotpSecret(), approver2: newTotpSecret() };
  const env = {
    ACCOUNT_OPS_API_KEYS: Object.values(PEOPLE)
      .map((p) => `${p.key}=${p.id}:${p.roles}`)
      .join(';'),
    ACCOUNT_OPS_TOTP_SECRETS: `${PEOPLE.approver.id}=${secrets.approver};${PEOPLE.approver2.id}=${secrets.approver2}`,
    ACCOUNT_OPS_CARD_SECRET: 'console-suite-card-fingerprint-secret',
    ACCOUNT_OPS_REFUND_APPROVAL_STEP_UP_ABOVE: String(APPROVAL_STEP_UP_ABOVE),
  };
  return { env, secrets };
}
