import type { Role } from '@account-ops/accounts';
import type { RouteName } from '../../../apps/api/src/routes/route-table';

/**
 * Who may do what, written down from SPEC (and, where SPEC is silent, from the decisions
 * recorded in docs/domain.md "Decisions" and docs/api.md) — deliberately NOT read from
 * ROUTES or COMMAND_ROLES, so that a change to the guard's table shows up as a test
 * failure instead of silently becoming the expectation.
 *
 * A route can have several variants when the answer depends on the request (a freeze's
 * reason) or the state (a refund awaiting approval vs. one whose payout failed).
 */
export interface Expectation {
  readonly route: RouteName;
  readonly variant: string;
  /** Roles whose request succeeds; every other role gets 403. `public`: no key needed. */
  readonly allowed: readonly Role[] | 'public';
  /** Where the expectation comes from. */
  readonly source: string;
}

const READERS: readonly Role[] = ['operator', 'approver', 'admin', 'compliance', 'auditor'];
const HISTORY: readonly Role[] = ['auditor', 'admin', 'compliance'];
// SPEC Actors: one role per integration; the deprecated `system` holds all four for one release.
const GATEWAY: readonly Role[] = ['payment_gateway', 'system'];
const IDP: readonly Role[] = ['identity_provider', 'system'];
const BILLING: readonly Role[] = ['billing', 'system'];
const SCHEDULER: readonly Role[] = ['scheduler', 'system'];

const rows: ReadonlyArray<readonly [RouteName, string, readonly Role[] | 'public', string]> = [
  ['openAccount', '', ['operator', 'admin'], 'SPEC §1 OpenAccount — operator/admin'],
  [
    'getAccount',
    '',
    READERS,
    'SPEC "Who uses it": ops and auditors read; docs/api.md: integrations do not',
  ],
  ['getBalance', '', READERS, 'as getAccount'],
  [
    'changeBankCard',
    '',
    ['operator', 'admin'],
    'SPEC §3 — operator with a second factor, or admin',
  ],
  [
    'initiateTopUp',
    '',
    ['operator', 'payment_gateway', 'system', 'admin'],
    'SPEC §2 operator or the payment gateway; SPEC Defaults: admin needs no second factor',
  ],
  ['setTopUpLimits', '', ['admin'], 'SPEC §2 SetTopUpLimits — admin with a second factor'],
  ['settleTopUp', '', GATEWAY, 'SPEC §2 — the payment system reports'],
  ['failTopUp', '', GATEWAY, 'SPEC §2 — the payment system reports'],
  [
    'requestRefund',
    '',
    ['operator', 'admin'],
    'SPEC §4 (operator); docs/domain.md Decisions: admin too',
  ],
  ['approveRefund', '', ['approver'], 'SPEC §4 maker-checker — the approver role'],
  ['rejectRefund', '', ['approver'], 'docs/domain.md Decisions: four-eyes stays with approver'],
  [
    'cancelRefund',
    'awaiting approval',
    ['operator', 'admin'],
    'SPEC §4 the requester (an operator) may cancel before approval; Decisions: admin',
  ],
  [
    'cancelRefund',
    'after a failed payout',
    ['approver', 'admin'],
    'docs/domain.md Decisions: a finance decision',
  ],
  ['refundPaidOut', '', GATEWAY, 'SPEC §4 — the payment system reports'],
  ['refundPayoutFailed', '', GATEWAY, 'SPEC §4 — the payment system reports'],
  [
    'retryRefundPayout',
    '',
    ['approver', 'admin', ...GATEWAY],
    "docs/domain.md Decisions; SPEC Actors: payout results are the gateway's",
  ],
  ['freeze', 'manual', ['admin'], 'SPEC §5 Freeze (admin)'],
  [
    'freeze',
    'compliance',
    ['compliance'],
    'SPEC §5 the compliance reason needs the compliance role',
  ],
  ['unfreeze', 'manual', ['admin'], 'SPEC §5 Unfreeze (admin)'],
  ['unfreeze', 'compliance', ['compliance'], 'SPEC §5 compliance role for compliance'],
  ['startMaintenance', '', [...SCHEDULER, 'admin'], 'SPEC §5 the scheduler or admin'],
  ['endMaintenance', '', [...SCHEDULER, 'admin'], 'SPEC §5 the scheduler or admin'],
  ['recordFailedLogin', '', IDP, 'SPEC Actors: identity_provider (failed logins)'],
  ['resetPassword', '', IDP, 'SPEC Actors: identity_provider (password resets)'],
  ['markPaymentOverdue', '', BILLING, 'SPEC Actors: billing (overdue)'],
  ['settleOverdue', '', BILLING, 'SPEC Actors: billing (overdue settled)'],
  ['requestCancellation', '', ['admin'], 'SPEC §6 (admin)'],
  ['confirmCancellation', '', ['admin'], 'SPEC §6 (admin)'],
  ['withdrawCancellation', '', ['admin'], 'docs/domain.md Decisions: admin-only like the request'],
  ['reactivate', '', ['admin'], 'SPEC §6 ReactivateAccount (admin)'],
  ['exportAccount', '', ['admin', 'auditor'], 'SPEC §6 ExportAccountData (admin, auditor)'],
  ['listEvents', '', HISTORY, 'SPEC HTTP table: auditor; docs/api.md: admin and compliance too'],
  ['stateAt', '', HISTORY, 'as listEvents'],
  ['verify', '', HISTORY, 'as listEvents'],
  ['listAudit', '', HISTORY, 'as listEvents'],
  [
    'listAccess',
    '',
    ['admin', 'auditor'],
    'issue 24: GET /audit/access, the read-access log (auditor, admin)',
  ],
  [
    'opsRefunds',
    '',
    READERS,
    'SPEC: ops work the approval queue (approvers included); auditors read',
  ],
  ['opsAccounts', '', READERS, 'as opsRefunds'],
  ['opsFrozenAccounts', '', READERS, 'as opsRefunds'],
  ['opsRetention', '', READERS, 'as opsRefunds'],
  ['opsStaleTopUps', '', READERS, 'as opsRefunds'],
  ['opsProjections', '', READERS, 'SPEC: ops watch projection lag'],
  ['opsConfig', '', ['admin', 'auditor'], 'issue 26: GET /ops/config (admin, auditor)'],
  [
    'searchAccounts',
    '',
    ['operator', 'approver', 'admin', 'compliance'],
    'issue 25: ops find a customer by name on a call; auditors open the accounts a case names',
  ],
  ['latestCheckpoint', '', HISTORY, 'SPEC HTTP: GET /audit/checkpoints/latest (auditors)'],
  ['checkpointKey', '', HISTORY, 'SPEC Engine: the public key auditors verify with'],
  ['inclusionProof', '', HISTORY, 'SPEC HTTP: GET /audit/proofs/inclusion (auditors)'],
  ['consistencyProof', '', HISTORY, 'SPEC HTTP: GET /audit/proofs/consistency (auditors)'],
  ['accountEvidence', '', HISTORY, 'SPEC Engine: evidence bundles for auditors'],
  ['registerWebhook', '', ['admin'], 'SPEC HTTP: /webhooks … (admin)'],
  ['listWebhooks', '', ['admin'], 'as registerWebhook'],
  ['getWebhook', '', ['admin'], 'as registerWebhook'],
  ['changeWebhook', '', ['admin'], 'as registerWebhook'],
  ['deleteWebhook', '', ['admin'], 'as registerWebhook'],
  ['listWebhookDeliveries', '', ['admin'], 'as registerWebhook'],
  ['resendWebhookDelivery', '', ['admin'], 'as registerWebhook'],
  ['resendDeadWebhooks', '', ['admin'], 'as registerWebhook'],
  ['replayWebhook', '', ['admin'], 'as registerWebhook'],
  [
    'whoAmI',
    '',
    [
      'operator',
      'approver',
      'admin',
      'compliance',
      'auditor',
      'payment_gateway',
      'identity_provider',
      'billing',
      'scheduler',
      'system',
    ],
    'docs/api.md: every key may ask who it is (GET /me, for the ops console)',
  ],
  [
    'liftStepUpLockout',
    '',
    ['admin'],
    'SPEC HTTP auth: TOTP locked after 10 wrong codes; issue 23: an admin can lift it',
  ],
  ['signInMethods', '', 'public', 'issue 23: the console asks which sign-in methods to offer'],
  ['signIn', '', 'public', 'issue 23: single sign-on starts before anyone is known'],
  ['signInCallback', '', 'public', 'issue 23: the identity provider sends the browser back'],
  ['signOut', '', 'public', 'issue 23: sign-out needs the session (and its CSRF token), not a key'],
  ['health', '', 'public', 'SPEC: liveness for the platform'],
  ['metrics', '', 'public', 'SPEC: Prometheus scrapes without a key'],
];

export const EXPECTATIONS: readonly Expectation[] = rows.map(
  ([route, variant, allowed, source]) => ({
    route,
    variant,
    allowed,
    source,
  }),
);
