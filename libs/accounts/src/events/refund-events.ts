import type { RefundReason } from '../commands/refund-commands';
import type { Currency } from '../money/currency';

type RefundAmount = { refundId: string; amount: number; currency: Currency };

/** Where the money went: enough for an auditor to match the card, never the PAN. */
export type PayoutCard = { cardLast4: string; cardFingerprint: string };

/** Why an approved payout waits (shown with the refund). */
export type PayoutHoldReason = 'card_changed_recently';

/** SPEC §4 facts; each carries who (`by`), when (`at`) and, where a person decided, why. */
export type RefundEventPayloads = {
  RefundRequested: RefundAmount & {
    reason: RefundReason;
    note: string | null;
    approvalsRequired: number;
    approvalDeadline: string;
  };
  /** `final` when this approval completes the required number; the payout may start. */
  RefundApproved: {
    refundId: string;
    approval: number;
    approvalsRequired: number;
    final: boolean;
    note: string | null;
    /**
     * Whether the approver passed a second factor for this approval (the optional
     * `refundApprovalStepUpAbove` policy). Absent on approvals recorded before it existed.
     */
    stepUpVerified?: boolean;
  };
  RefundRejected: RefundAmount & { reason: string };
  RefundCancelled: RefundAmount & {
    reason: string | null;
    stage: 'before_approval' | 'after_payout_failure';
  };
  RefundExpired: RefundAmount & { approvalDeadline: string };
  RefundPayoutStarted: RefundAmount & PayoutCard;
  /**
   * SPEC §3 dual control: the refund is approved but its payout waits, because the card on
   * file replaced another less than `cardChangePayoutHoldHours` ago; a durable timer starts
   * it at `until`. The refund stays `approved`.
   */
  RefundPayoutDeferred: RefundAmount & {
    reason: PayoutHoldReason;
    until: string;
    cardLast4: string;
  };
  RefundPayoutRetried: RefundAmount & PayoutCard & { attempt: number; note: string | null };
  RefundPaidOut: RefundAmount & { payoutReference: string | null };
  RefundPayoutFailed: RefundAmount & { reason: string };
};
