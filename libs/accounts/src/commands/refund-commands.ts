/** SPEC §4 refund reasons. */
export const REFUND_REASONS = [
  'service_unsatisfactory',
  'technical_issue',
  'business_change',
  'price_change',
  'duplicate_charge',
  'other',
] as const;
export type RefundReason = (typeof REFUND_REASONS)[number];

/** SPEC §4: request, maker-checker approval, payout reports, and the SLA timer. */
export type RefundCommandPayloads = {
  /** `note` is required when `reason` is `other`: an auditor must be able to tell why. */
  RequestRefund: { refundId: string; amount: number; reason: RefundReason; note?: string };
  ApproveRefund: { refundId: string; note?: string };
  RejectRefund: { refundId: string; reason: string };
  CancelRefund: { refundId: string; reason?: string };
  /** Sent by the scheduler when the approval SLA deadline fires. */
  ExpireRefund: { refundId: string };
  /** Sent by the scheduler when a payout held after a card change may start (SPEC §3). */
  StartRefundPayout: { refundId: string };
  MarkRefundPaidOut: { refundId: string; payoutReference?: string };
  MarkRefundPayoutFailed: { refundId: string; reason: string };
  RetryRefundPayout: { refundId: string; note?: string };
};
