import { ApiProperty } from '@nestjs/swagger';

/** SPEC balance shape, from the balance read model. */
export class BalanceReadModelSchema {
  @ApiProperty({ type: String, example: 'acc-42' }) accountId!: string;
  @ApiProperty({ type: String, example: 'CNY' }) currency!: string;
  @ApiProperty({ type: Number, example: 150000 }) available!: number;
  @ApiProperty({ type: Number, example: 20000 }) held!: number;
  @ApiProperty({ type: Number, example: 0 }) pendingIn!: number;
  @ApiProperty({ type: Number, description: 'Last account version in the read model.' })
  version!: number;
  @ApiProperty({ type: String, format: 'date-time' }) updatedAt!: string;
}

/** A page of audit rows (one per event), oldest first. */
export class AuditPageSchema {
  @ApiProperty({
    type: Object,
    isArray: true,
    example: [
      {
        eventId: '0193…',
        position: '42',
        occurredAt: '2025-03-10T09:00:00.000Z',
        accountId: 'acc-42',
        type: 'RefundRequested',
        actorId: 'op-7',
        actorRoles: ['operator'],
        amount: 20000,
        currency: 'CNY',
        reason: 'service_unsatisfactory',
      },
    ],
  })
  items!: object[];
  @ApiProperty({ type: String, nullable: true, description: 'Pass as `after` for the next page.' })
  nextAfter!: string | null;
}

/** A list answer: `{ items: [...] }`. */
export class ItemsSchema {
  @ApiProperty({ type: Object, isArray: true }) items!: object[];
}
