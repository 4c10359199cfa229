import { TOP_UP_METHODS } from '@account-ops/accounts';
import { IsAmount, IsId, IsOneOf, IsText, TEXT_LIMITS } from './fields';

/** `POST /accounts/:id/top-ups`. */
export class InitiateTopUpDto {
  @IsId({
    optional: true,
    description: 'Derived from the Idempotency-Key when omitted.',
    example: 'tu-1',
  })
  topUpId?: string;

  @IsAmount({ example: 50_000 })
  amount!: number;

  @IsOneOf(TOP_UP_METHODS, { example: 'bank_transfer' })
  method!: string;

  @IsId({ description: 'The payment system’s reference; unique per account.', example: 'psp-8842' })
  paymentReference!: string;
}

/** `POST /accounts/:id/top-ups/:topUpId/fail`. */
export class FailTopUpDto {
  @IsText(TEXT_LIMITS.reason, { example: 'declined by issuer' })
  reason!: string;
}
