import type { RefundStatus } from '@account-ops/accounts';
import type { ReadModelReader, SqlRow } from '../read-model-reader';
import { ageSeconds, int, list, text, textOrNull } from '../shared/row-values';
import { placeholders, Where } from '../shared/where';
import { opsTable } from './ops-table-names';
import { OPS_REFUNDS } from './ops-tables';

/** A refund as the ops queue shows it. */
export interface RefundView {
  readonly accountId: string;
  readonly refundId: string;
  readonly amount: number;
  readonly currency: string;
  readonly status: RefundStatus;
  readonly reason: string;
  readonly note: string | null;
  readonly requestedBy: string;
  readonly requestedAt: string;
  readonly approvalsRequired: number;
  readonly approvals: number;
  /** Approver ids in the order they approved. */
  readonly approvedBy: string[];
  readonly approvalDeadline: string;
  /** Who rejected, cancelled or expired it, and why. */
  readonly decidedBy: string | null;
  readonly decisionReason: string | null;
  readonly payoutAttempts: number;
  readonly payoutFailureReason: string | null;
  readonly updatedAt: string;
}

/** A refund waiting for a decision, with how long it has waited. */
export interface AwaitingRefund extends RefundView {
  readonly ageSeconds: number;
}

/** The statuses in which a refund waits for an approver (the SLA runs). */
export const AWAITING_APPROVAL: readonly RefundStatus[] = ['requested', 'partially_approved'];

function toRefund(row: SqlRow): RefundView {
  return {
    accountId: text(row.account_id),
    refundId: text(row.refund_id),
    amount: int(row.amount),
    currency: text(row.currency),
    status: text(row.status) as RefundStatus,
    reason: text(row.reason),
    note: textOrNull(row.note),
    requestedBy: text(row.requested_by),
    requestedAt: text(row.requested_at),
    approvalsRequired: int(row.approvals_required),
    approvals: int(row.approvals),
    approvedBy: list(row.approved_by),
    approvalDeadline: text(row.approval_deadline),
    decidedBy: textOrNull(row.decided_by),
    decisionReason: textOrNull(row.decision_reason),
    payoutAttempts: int(row.payout_attempts),
    payoutFailureReason: textOrNull(row.payout_failure_reason),
    updatedAt: text(row.updated_at),
  };
}

async function selectRefunds(reader: ReadModelReader, where: Where): Promise<RefundView[]> {
  const rows = await reader.query(
    `SELECT * FROM ${opsTable(OPS_REFUNDS)}${where.sql} ORDER BY requested_at, account_id, refund_id`,
    where.params,
  );
  return rows.map(toRefund);
}

/** Refunds, oldest request first, optionally of one status and/or one account. */
export async function listRefunds(
  reader: ReadModelReader,
  filter: { readonly status?: RefundStatus; readonly accountId?: string } = {},
): Promise<RefundView[]> {
  const where = new Where().equals('status', filter.status).equals('account_id', filter.accountId);
  return selectRefunds(reader, where);
}

/**
 * The approval queue: refunds requested or partially approved, oldest first, with their
 * age at `now` and the approvals so far.
 */
export async function refundsAwaitingApproval(
  reader: ReadModelReader,
  now: Date,
): Promise<AwaitingRefund[]> {
  const awaiting = new Where().and(
    `status IN (${placeholders(AWAITING_APPROVAL.length)})`,
    ...AWAITING_APPROVAL,
  );
  const refunds = await selectRefunds(reader, awaiting);
  return refunds.map((r) => ({ ...r, ageSeconds: ageSeconds(r.requestedAt, now) }));
}
