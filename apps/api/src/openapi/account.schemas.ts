import { ApiProperty } from '@nestjs/swagger';
import { CURRENCIES, FREEZE_REASONS } from '@account-ops/accounts';
import type { AccountDetailsView, AccountView } from '../views/account.view';
import type { SignalResult } from '../views/write-results';
import { BalanceSchema, RefundSchema, TopUpSchema } from './entity.schemas';

class FreezeSchema {
  @ApiProperty({ type: String, enum: FREEZE_REASONS }) reason!: string;
  @ApiProperty({ type: String, format: 'date-time' }) since!: string;
  @ApiProperty({ type: String, example: 'admin-1' }) by!: string;
  @ApiProperty({ type: String, nullable: true }) note!: string | null;
}

class BankCardSchema {
  @ApiProperty({ type: String, example: '1111' }) last4!: string;
  @ApiProperty({ type: String, example: 'visa' }) brand!: string;
  @ApiProperty({ type: String, example: 'Example Bank' }) bankName!: string;
  @ApiProperty({ type: String, format: 'date-time' }) changedAt!: string;
}

class PlanSchema {
  @ApiProperty({ type: Number }) pricePerCycle!: number;
  @ApiProperty({ type: Number }) cycleDays!: number;
  @ApiProperty({ type: String, format: 'date' }) cycleStart!: string;
}

class CancellationSchema {
  @ApiProperty({ type: String, format: 'date-time' }) requestedAt!: string;
  @ApiProperty({ type: String }) requestedBy!: string;
  @ApiProperty({ type: String }) reason!: string;
}

class OwnerSchema {
  @ApiProperty({ type: String, example: 'Ada Lovelace' }) name!: string;
  @ApiProperty({ type: String, example: 'ada@example.com' }) email!: string;
}

class TopUpLimitsSchema {
  @ApiProperty({
    type: Number,
    nullable: true,
    description: "The account's single top-up max (minor units); null: the configured default.",
  })
  singleMax!: number | null;
  @ApiProperty({
    type: Number,
    nullable: true,
    description: "The account's daily top-up max (minor units); null: the configured default.",
  })
  dailyMax!: number | null;
}

/** SPEC account shape (write responses; no personal data). */
export class AccountSchema implements AccountView {
  @ApiProperty({ type: String, example: 'acc-42' }) accountId!: string;
  @ApiProperty({ type: String, enum: CURRENCIES }) currency!: string;
  @ApiProperty({ type: String, enum: ['active', 'cancellation_requested', 'cancelled', 'closed'] })
  status!: string;
  @ApiProperty({ type: Boolean }) frozen!: boolean;
  @ApiProperty({ type: String, enum: FREEZE_REASONS, isArray: true }) freezeReasons!: string[];
  @ApiProperty({ type: () => [FreezeSchema] }) freezes!: FreezeSchema[];
  @ApiProperty({ type: () => BalanceSchema }) balance!: BalanceSchema;
  @ApiProperty({ type: () => BankCardSchema, nullable: true }) bankCard!: BankCardSchema | null;
  @ApiProperty({ type: () => PlanSchema, nullable: true }) plan!: PlanSchema | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) openedAt!: string | null;
  @ApiProperty({ type: () => CancellationSchema, nullable: true })
  cancellation!: CancellationSchema | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) retentionUntil!:
    string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) closedAt!: string | null;
  @ApiProperty({ type: () => [TopUpSchema] }) topUps!: TopUpSchema[];
  @ApiProperty({ type: () => [RefundSchema] }) refunds!: RefundSchema[];
  @ApiProperty({ type: () => TopUpLimitsSchema }) topUpLimits!: TopUpLimitsSchema;
  @ApiProperty({ type: Number, example: 7, description: 'Stream version the state is at.' })
  version!: number;
}

/** The account as read: AccountSchema plus the owner (null once erased at closure). */
export class AccountDetailsSchema extends AccountSchema implements AccountDetailsView {
  @ApiProperty({ type: () => OwnerSchema, nullable: true }) owner!: OwnerSchema | null;
}

/** An integration signal's answer: the account, and whether the signal changed it. */
export class SignalResultSchema extends AccountSchema implements SignalResult {
  @ApiProperty({
    type: Boolean,
    description:
      'false when the account did not hold the reason the signal lifts: accepted, nothing written (safe to repeat).',
  })
  changed!: boolean;
}
