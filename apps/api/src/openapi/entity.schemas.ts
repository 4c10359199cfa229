import { ApiProperty } from '@nestjs/swagger';
import { REFUND_REASONS, REFUND_STATUSES, TOP_UP_METHODS } from '@account-ops/accounts';
import type { RefundView, TopUpView } from '../views/entity.views';
import type { AccountEffect } from '../views/write-results';

const nullableString = { type: String, nullable: true } as const;

export class BalanceSchema {
  @ApiProperty({ type: Number, example: 37_500 }) available!: number;
  @ApiProperty({ type: Number, example: 12_500 }) held!: number;
  @ApiProperty({ type: Number, example: 0 }) pendingIn!: number;
}

export class TopUpSchema implements TopUpView {
  @ApiProperty({ type: String, example: 'tu-1' }) topUpId!: string;
  @ApiProperty({ type: Number, example: 50_000 }) amount!: number;
  @ApiProperty({ type: String, enum: TOP_UP_METHODS }) method!: string;
  @ApiProperty({ type: String, enum: ['pending', 'settled', 'failed'] }) status!: string;
  @ApiProperty({ type: String, example: 'psp-8842' }) paymentReference!: string;
  @ApiProperty({ type: String, format: 'date-time' }) initiatedAt!: string;
  @ApiProperty({ type: String, example: 'gateway' }) initiatedBy!: string;
  @ApiProperty(nullableString) completedAt!: string | null;
  @ApiProperty(nullableString) failureReason!: string | null;
}

export class RefundSchema implements RefundView {
  @ApiProperty({ type: String, example: 'rf-1' }) refundId!: string;
  @ApiProperty({ type: Number, example: 12_500 }) amount!: number;
  @ApiProperty({ type: String, enum: REFUND_STATUSES }) status!: string;
  @ApiProperty({ type: String, enum: REFUND_REASONS }) reason!: string;
  @ApiProperty(nullableString) note!: string | null;
  @ApiProperty({ type: String, example: 'op-7' }) requestedBy!: string;
  @ApiProperty({ type: String, format: 'date-time' }) requestedAt!: string;
  @ApiProperty({ type: [String], example: ['ap-1'] }) approvedBy!: string[];
  @ApiProperty({ type: String, format: 'date-time' }) approvalDeadline!: string;
  @ApiProperty(nullableString) decidedBy!: string | null;
  @ApiProperty(nullableString) decisionReason!: string | null;
  @ApiProperty({ type: Number, example: 0 }) payoutAttempts!: number;
  @ApiProperty(nullableString) payoutFailureReason!: string | null;
  @ApiProperty({
    type: Object,
    nullable: true,
    description:
      'Why an approved payout waits: { reason: "card_changed_recently", until } (SPEC §3), else null',
    example: { reason: 'card_changed_recently', until: '2026-03-02T09:00:00.000Z' },
  })
  payoutHold!: { reason: string; until: string } | null;
  @ApiProperty({ type: String, format: 'date-time' }) updatedAt!: string;
}

/** A top-up write's answer: the top-up and the account's version and balance after it. */
export class TopUpResultSchema extends TopUpSchema implements AccountEffect {
  @ApiProperty({ type: String }) accountId!: string;
  @ApiProperty({ type: Number, description: 'Account version after the command.' })
  accountVersion!: number;
  @ApiProperty({ type: () => BalanceSchema }) balance!: BalanceSchema;
}

/** A refund write's answer: the refund and the account's version and balance after it. */
export class RefundResultSchema extends RefundSchema implements AccountEffect {
  @ApiProperty({ type: String }) accountId!: string;
  @ApiProperty({ type: Number, description: 'Account version after the command.' })
  accountVersion!: number;
  @ApiProperty({ type: () => BalanceSchema }) balance!: BalanceSchema;
}
