import { ROLES } from '@account-ops/accounts';
import {
  ACCOUNT_READERS,
  ACCOUNT_SEARCHERS,
  HISTORY_READERS,
  manage,
  read,
  send,
  signInRoute,
  tagged,
  type RouteSpec,
} from './route-spec';

export * from './route-spec';

const STEP_UP = { stepUp: true } as const;

/**
 * Every route of the API: the guard's role table, the controllers' paths and status codes,
 * OpenAPI and the table in docs/api.md all come from here. Paths without a leading `/`
 * are under `/accounts/:id`. Read-model routes (balance, audit, ops) are answered by
 * read-models/read-models.controller.ts.
 */
export const ROUTES = {
  ...tagged('accounts', {
    openAccount: send('OpenAccount', 'POST /accounts', 201, 'Open an account'),
    getAccount: read('', ACCOUNT_READERS, 'Current state of an account'),
    getBalance: read('balance', ACCOUNT_READERS, 'Balance read model'),
    changeBankCard: send('ChangeBankCard', 'PUT bank-card', 200, 'Change the bank card', STEP_UP),
  }),
  ...tagged('top-ups', {
    initiateTopUp: send('InitiateTopUp', 'POST top-ups', 201, 'Initiate a top-up', STEP_UP),
    settleTopUp: send(
      'SettleTopUp',
      'POST top-ups/:topUpId/settle',
      202,
      'Payment system: settled',
    ),
    failTopUp: send('FailTopUp', 'POST top-ups/:topUpId/fail', 202, 'Payment system: failed'),
    setTopUpLimits: send(
      'SetTopUpLimits',
      'PUT limits',
      200,
      "Set the account's own top-up limits (admin, second factor; above the default also compliance)",
      STEP_UP,
    ),
  }),
  ...tagged('refunds', {
    requestRefund: send(
      'RequestRefund',
      'POST refunds',
      201,
      'Request a refund (holds the amount)',
    ),
    approveRefund: send(
      'ApproveRefund',
      'POST refunds/:refundId/approve',
      200,
      'Approve (maker-checker)',
      STEP_UP,
    ),
    rejectRefund: send(
      'RejectRefund',
      'POST refunds/:refundId/reject',
      200,
      'Reject (releases the hold)',
    ),
    cancelRefund: send(
      'CancelRefund',
      'POST refunds/:refundId/cancel',
      200,
      'Cancel (requester or admin)',
    ),
    refundPaidOut: send(
      'MarkRefundPaidOut',
      'POST refunds/:refundId/payout-succeeded',
      202,
      'Payment system: paid out',
    ),
    refundPayoutFailed: send(
      'MarkRefundPayoutFailed',
      'POST refunds/:refundId/payout-failed',
      202,
      'Payment system: payout failed',
    ),
    retryRefundPayout: send(
      'RetryRefundPayout',
      'POST refunds/:refundId/retry-payout',
      200,
      'Retry a failed payout',
    ),
  }),
  ...tagged('freezes', {
    freeze: send('Freeze', 'POST freezes', 201, 'Freeze (manual or compliance)'),
    unfreeze: send('Unfreeze', 'DELETE freezes/:reason', 200, 'Lift one freeze reason'),
    startMaintenance: send('StartMaintenance', 'POST maintenance', 201, 'Start maintenance'),
    endMaintenance: send('EndMaintenance', 'DELETE maintenance', 200, 'End maintenance'),
  }),
  ...tagged('signals', {
    recordFailedLogin: send(
      'RecordFailedLogin',
      'POST login-failures',
      200,
      'Identity provider: failed login',
    ),
    resetPassword: send(
      'ResetPassword',
      'POST password-resets',
      200,
      'Identity provider: password reset',
    ),
    markPaymentOverdue: send('MarkPaymentOverdue', 'POST overdue', 200, 'Billing: overdue'),
    settleOverdue: send('SettleOverdue', 'POST overdue-settled', 200, 'Billing: overdue settled'),
  }),
  ...tagged('cancellation', {
    requestCancellation: send(
      'RequestCancellation',
      'POST cancellation',
      201,
      'Request cancellation',
    ),
    confirmCancellation: send(
      'ConfirmCancellation',
      'POST cancellation/confirm',
      200,
      'Confirm (final statement)',
    ),
    withdrawCancellation: send(
      'WithdrawCancellation',
      'DELETE cancellation',
      200,
      'Withdraw the request',
    ),
    reactivate: send('ReactivateAccount', 'POST reactivation', 200, 'Reactivate (retention)'),
  }),
  ...tagged('audit', {
    exportAccount: send('ExportAccountData', 'GET export', 200, 'History and state as JSON'),
    listEvents: read('events', HISTORY_READERS, 'Stored events, paged'),
    stateAt: read('state', HISTORY_READERS, 'State at a version or an instant'),
    verify: read('verify', HISTORY_READERS, 'Verify the hash chain'),
    listAudit: read(
      '/audit',
      HISTORY_READERS,
      'Audit read model: one row per event, filtered, paged',
    ),
    listAccess: read(
      '/audit/access',
      ['admin', 'auditor'],
      "Read-access log: who read which account's personal data, when (filtered, paged)",
    ),
  }),
  ...tagged('verifiable log', {
    latestCheckpoint: read(
      '/audit/checkpoints/latest',
      HISTORY_READERS,
      'Latest signed checkpoint of the Merkle log',
    ),
    checkpointKey: read(
      '/audit/checkpoints/key',
      HISTORY_READERS,
      'Public key and key id that sign checkpoints',
    ),
    inclusionProof: read(
      '/audit/proofs/inclusion',
      HISTORY_READERS,
      "An event's inclusion proof in a tree size",
    ),
    consistencyProof: read(
      '/audit/proofs/consistency',
      HISTORY_READERS,
      'Consistency proof between two tree sizes',
    ),
    accountEvidence: read(
      'evidence',
      HISTORY_READERS,
      'Evidence bundle: events, their multi-leaf inclusion proof, checkpoint',
    ),
  }),
  ...tagged('search', {
    searchAccounts: manage(
      'POST /search',
      ACCOUNT_SEARCHERS,
      200,
      'Find accounts by id, owner name, e-mail, card last4, refund or top-up id, payment reference (the query in the body)',
    ),
  }),
  ...tagged('ops', {
    opsRefunds: read(
      '/ops/refunds',
      ACCOUNT_READERS,
      'Approval queue (with ages), or refunds by status',
    ),
    opsAccounts: read('/ops/accounts', ACCOUNT_READERS, 'Accounts by status and freeze reason'),
    opsFrozenAccounts: read(
      '/ops/frozen-accounts',
      ACCOUNT_READERS,
      'Frozen accounts: reasons and since when',
    ),
    opsRetention: read(
      '/ops/retention',
      ACCOUNT_READERS,
      'Cancelled accounts with their closing date',
    ),
    opsStaleTopUps: read('/ops/top-ups', ACCOUNT_READERS, 'Pending top-ups older than a threshold'),
    opsProjections: read('/ops/projections', ACCOUNT_READERS, 'Projection checkpoints and lag'),
    opsConfig: read(
      '/ops/config',
      ['admin', 'auditor'],
      'Effective configuration: every setting, its value and where it came from (no secrets)',
    ),
  }),
  ...tagged('webhooks', {
    registerWebhook: manage(
      'POST /webhooks',
      ['admin'],
      201,
      'Register a webhook endpoint (secret shown once)',
    ),
    listWebhooks: read('/webhooks', ['admin'], 'Webhook endpoints'),
    getWebhook: read('/webhooks/:webhookId', ['admin'], 'One webhook endpoint'),
    changeWebhook: manage(
      'PATCH /webhooks/:webhookId',
      ['admin'],
      200,
      'Enable, disable, re-target or rotate the secret',
    ),
    deleteWebhook: manage(
      'DELETE /webhooks/:webhookId',
      ['admin'],
      200,
      'Remove an endpoint and its deliveries',
    ),
    listWebhookDeliveries: read(
      '/webhooks/:webhookId/deliveries',
      ['admin'],
      'Deliveries with status and last error, newest first',
    ),
    resendWebhookDelivery: manage(
      'POST /webhooks/:webhookId/deliveries/:deliveryId/resend',
      ['admin'],
      200,
      'Re-send one dead letter',
    ),
    resendDeadWebhooks: manage(
      'POST /webhooks/:webhookId/resend',
      ['admin'],
      200,
      'Re-send every dead letter',
    ),
    replayWebhook: manage(
      'POST /webhooks/:webhookId/replay',
      ['admin'],
      200,
      'Deliver every event after a global position again',
    ),
  }),
  ...tagged('session', {
    whoAmI: read('/me', ROLES, 'Who the key is: actor, roles, allowed routes, step-up rules'),
  }),
  ...tagged('console sign-in', {
    signInMethods: signInRoute(
      'GET /auth/options',
      200,
      'How the console may sign people in: single sign-on, API key (development only)',
    ),
    signIn: signInRoute(
      'GET /auth/login',
      302,
      'Start single sign-on (or, with stepUp=1, re-authenticate): redirects to the identity provider',
    ),
    signInCallback: signInRoute(
      'GET /auth/callback',
      303,
      'The identity provider returns here: code exchanged, session cookie set, back to the console',
    ),
    signOut: signInRoute(
      'POST /auth/logout',
      200,
      'End the console session (X-CSRF-Token); answers the provider’s end-session URL',
    ),
  }),
  ...tagged('security', {
    liftStepUpLockout: manage(
      'DELETE /step-up-lockouts/:actorId',
      ['admin'],
      200,
      'Lift an actor’s step-up lockout (too many wrong codes)',
    ),
  }),
  ...tagged('operations', {
    health: read('/health', 'public', 'Liveness and store readiness'),
    metrics: read('/metrics', 'public', 'Prometheus metrics'),
  }),
} satisfies Record<string, RouteSpec>;

export type RouteName = keyof typeof ROUTES;

export const ROUTE_NAMES = Object.keys(ROUTES) as RouteName[];
