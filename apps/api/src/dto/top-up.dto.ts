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

/** `PUT /accounts/:id/limits`: one account's own top-up limits (SPEC §2). */
export class SetTopUpLimitsDto {
  @IsAmount({
    optional: true,
    description: 'Largest single top-up for this account (minor units); omitted: unchanged.',
    example: 1_000_000,
  })
  singleMax?: number;

  @IsAmount({
    optional: true,
    description: 'Largest daily total for this account (minor units, UTC day); omitted: unchanged.',
    example: 5_000_000,
  })
  dailyMax?: number;

  @IsText(TEXT_LIMITS.reason, { example: 'risk review RR-12: new customer' })
  reason!: string;
}

/** `POST /accounts/:id/top-ups/:topUpId/fail`. */
export class FailTopUpDto {
  @IsText(TEXT_LIMITS.reason, { example: 'declined by issuer' })
  reason!: string;
}
