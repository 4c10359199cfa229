import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsEmail,
  IsInt,
  IsObject,
  IsOptional,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { CURRENCIES } from '@account-ops/accounts';
import { IsAmount, IsId, IsOneOf, IsText, TEXT_LIMITS } from './fields';

/** Subscription plan terms, for the prorated credit on cancellation. */
export class PlanDto {
  @IsAmount({ description: 'Price of one cycle in minor units.', example: 9_900 })
  pricePerCycle!: number;

  @IsInt({ message: '$property must be an integer from 1 to 366' })
  @Min(1, { message: '$property must be an integer from 1 to 366' })
  @Max(366, { message: '$property must be an integer from 1 to 366' })
  @ApiProperty({ type: Number, minimum: 1, maximum: 366, example: 30 })
  cycleDays!: number;

  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: '$property must be a YYYY-MM-DD date' })
  @ApiProperty({ type: String, format: 'date', example: '2026-01-01' })
  cycleStart!: string;
}

/** `POST /accounts`. */
export class OpenAccountDto {
  @IsId({
    optional: true,
    description: 'Chosen by the caller; derived from the Idempotency-Key when omitted.',
    example: 'acc-42',
  })
  accountId?: string;

  @IsText(TEXT_LIMITS.name, { example: 'Ada Lovelace' })
  ownerName!: string;

  @IsText(TEXT_LIMITS.email, { example: 'ada@example.com' })
  @IsEmail({}, { message: '$property must be an email address' })
  ownerEmail!: string;

  @IsOneOf(CURRENCIES, { example: 'EUR', description: 'ISO-4217 code.' })
  currency!: string;

  @IsOptional()
  @IsObject({ message: '$property must be an object' })
  @ValidateNested()
  @Type(() => PlanDto)
  @ApiPropertyOptional({ type: () => PlanDto })
  plan?: PlanDto;
}

/** `PUT /accounts/:id/bank-card`. The card number is validated, fingerprinted and dropped. */
export class ChangeBankCardDto {
  @Matches(/^\d{12,19}$/, { message: '$property must be 12–19 digits' })
  @ApiProperty({
    type: String,
    pattern: '^\\d{12,19}$',
    description:
      'Full PAN (Luhn-checked). Never stored or logged: only last4, brand and a keyed fingerprint are kept.',
    example: '4111111111111111',
  })
  cardNumber!: string;

  @IsText(TEXT_LIMITS.name, { example: 'ADA LOVELACE' })
  holderName!: string;

  @IsText(TEXT_LIMITS.name, { example: 'Example Bank' })
  bankName!: string;
}
