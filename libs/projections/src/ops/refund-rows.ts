import { refundMachine } from '@account-ops/accounts';
import type { SqlStatement } from '@account-ops/event-store';
import { sqlPerTable, tableOf } from '../projection';
import type { EventsNamed, OpsContext, OpsHandlers } from './ops-handlers';
import { OPS_REFUNDS } from './ops-tables';
import { assign, statesAccepting, transition, type SetClause } from './status-transition';

/** Moves a refund's row as evolve-refund moves its machine with `machineEvent`. */
function step(
  ctx: OpsContext,
  data: { refundId: string; at: string },
  machineEvent: string,
  to: string,
  sets: readonly SetClause[] = [],
): SqlStatement[] {
  const key = [
    ['account_id', ctx.accountId],
    ['refund_id', data.refundId],
  ] as const;
  const from = statesAccepting(refundMachine, machineEvent);
  const table = tableOf(ctx.tables, OPS_REFUNDS);
  return [transition(table, key, from, to, [assign('updated_at', data.at), ...sets])];
}

const decided = (by: string, reason: string | null): SetClause[] => [
  assign('decided_by', by),
  assign('decision_reason', reason),
];
const anotherAttempt: SetClause = ['payout_attempts = payout_attempts + 1', []];

// DO NOTHING: evolve ignores a second request with the same id.
const requestSql = sqlPerTable(
  (table) =>
    `INSERT INTO ${table} (account_id, refund_id, amount, currency, ` +
    `reason, note, status, requested_by, requested_at, approvals_required, approvals, ` +
    `approval_deadline, payout_attempts, updated_at) ` +
    `VALUES (?, ?, ?, ?, ?, ?, 'requested', ?, ?, ?, 0, ?, 0, ?) ` +
    `ON CONFLICT (account_id, refund_id) DO NOTHING`,
);

/** The refund queue: one row per refund, its status following the refund machine. */
export const refundRows: OpsHandlers<EventsNamed<'Refund'>> = {
  RefundRequested: (ctx, d) => [
    {
      sql: requestSql(tableOf(ctx.tables, OPS_REFUNDS)),
      params: [
        ctx.accountId,
        d.refundId,
        d.amount,
        d.currency,
        d.reason,
        d.note,
        d.by,
        d.at,
        d.approvalsRequired,
        d.approvalDeadline,
        d.at,
      ],
    },
  ],
  RefundApproved: (ctx, d) =>
    step(ctx, d, 'APPROVE', d.final ? 'approved' : 'partially_approved', [
      ['approvals = approvals + 1', []],
      // NULL || ',' is NULL in both databases: the first approver gets no leading comma.
      ["approved_by = COALESCE(approved_by || ',', '') || ?", [d.by]],
    ]),
  RefundRejected: (ctx, d) => step(ctx, d, 'REJECT', 'rejected', decided(d.by, d.reason)),
  RefundCancelled: (ctx, d) => step(ctx, d, 'CANCEL', 'cancelled', decided(d.by, d.reason)),
  // Evolve records the same reason for an expiry, which no person decided.
  RefundExpired: (ctx, d) =>
    step(ctx, d, 'EXPIRE', 'expired', decided(d.by, 'approval_sla_expired')),
  // The refund stays approved while its payout waits for a card change's hold (SPEC §3).
  RefundPayoutDeferred: (ctx, d) => step(ctx, d, 'DEFER_PAYOUT', 'approved'),
  RefundPayoutStarted: (ctx, d) => step(ctx, d, 'START_PAYOUT', 'payout_pending', [anotherAttempt]),
  RefundPayoutRetried: (ctx, d) =>
    step(ctx, d, 'RETRY_PAYOUT', 'payout_pending', [
      anotherAttempt,
      assign('payout_failure_reason', null),
    ]),
  RefundPaidOut: (ctx, d) => step(ctx, d, 'PAYOUT_SUCCEEDED', 'paid'),
  RefundPayoutFailed: (ctx, d) =>
    step(ctx, d, 'PAYOUT_FAILED', 'payout_failed', [assign('payout_failure_reason', d.reason)]),
};
