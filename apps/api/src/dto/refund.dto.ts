import { REFUND_REASONS } from '@account-ops/accounts';
import { IsAmount, IsId, IsOneOf, IsText, TEXT_LIMITS } from './fields';

/** `POST /accounts/:id/refunds`. */
export class RequestRefundDto {
  @IsId({
    optional: true,
    description: 'Derived from the Idempotency-Key when omitted.',
    example: 'rf-1',
  })
  refundId?: string;

  @IsAmount({ example: 12_500 })
  amount!: number;

  @IsOneOf(REFUND_REASONS, { example: 'duplicate_charge' })
  reason!: string;

  @IsText(TEXT_LIMITS.note, {
    optional: true,
    description: 'Required by the domain when reason is `other`.',
    example: 'charged twice on 3 March',
  })
  note?: string;
}

/** Approve, retry-payout: an optional note. */
export class RefundNoteDto {
  @IsText(TEXT_LIMITS.note, { optional: true, example: 'checked against the invoice' })
  note?: string;
}

/** Reject, payout-failed: a required reason. */
export class RefundReasonDto {
  @IsText(TEXT_LIMITS.reason, { example: 'not covered by the contract' })
  reason!: string;
}

/** Cancel: an optional reason. */
export class CancelRefundDto {
  @IsText(TEXT_LIMITS.reason, { optional: true, example: 'customer withdrew the request' })
  reason?: string;
}

/** Payout succeeded: the payment system's optional reference. */
export class PayoutSucceededDto {
  @IsId({ optional: true, example: 'payout-5531' })
  payoutReference?: string;
}
