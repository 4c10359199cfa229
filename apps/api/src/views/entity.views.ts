import type { RefundState, TopUpState } from '@account-ops/accounts';

/** SPEC top-up shape, plus when, by whom and why. */
export interface TopUpView {
  readonly topUpId: string;
  readonly amount: number;
  readonly method: string;
  readonly status: string;
  readonly paymentReference: string;
  readonly initiatedAt: string;
  readonly initiatedBy: string;
  readonly completedAt: string | null;
  readonly failureReason: string | null;
}

/** SPEC refund shape, plus every step's who, when and why. */
export interface RefundView {
  readonly refundId: string;
  readonly amount: number;
  readonly status: string;
  readonly reason: string;
  readonly note: string | null;
  readonly requestedBy: string;
  readonly requestedAt: string;
  readonly approvedBy: readonly string[];
  readonly approvalDeadline: string;
  readonly decidedBy: string | null;
  readonly decisionReason: string | null;
  readonly payoutAttempts: number;
  readonly payoutFailureReason: string | null;
  /** Why an approved refund's payout waits, and until when (SPEC §3: recent card change). */
  readonly payoutHold: { readonly reason: string; readonly until: string } | null;
  readonly updatedAt: string;
}

// Field by field, in a fixed order: a response must be the same bytes when replayed.
export function topUpView(t: TopUpState): TopUpView {
  return {
    topUpId: t.topUpId,
    amount: t.amount,
    method: t.method,
    status: t.status,
    paymentReference: t.paymentReference,
    initiatedAt: t.initiatedAt,
    initiatedBy: t.initiatedBy,
    completedAt: t.completedAt,
    failureReason: t.failureReason,
  };
}

export function refundView(r: RefundState): RefundView {
  return {
    refundId: r.refundId,
    amount: r.amount,
    status: r.status,
    reason: r.reason,
    note: r.note,
    requestedBy: r.requestedBy,
    requestedAt: r.requestedAt,
    approvedBy: [...r.approvedBy],
    approvalDeadline: r.approvalDeadline,
    decidedBy: r.decidedBy,
    decisionReason: r.decisionReason,
    payoutAttempts: r.payoutAttempts,
    payoutFailureReason: r.payoutFailureReason,
    payoutHold: r.payoutHold ? { reason: r.payoutHold.reason, until: r.payoutHold.until } : null,
    updatedAt: r.updatedAt,
  };
}
