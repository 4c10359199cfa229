import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { EventJson } from '@account-ops/event-store';
import { AccountDetailsSchema } from './account.schemas';

class EventMetadataSchema {
  @ApiProperty({ type: Object, example: { id: 'op-7', roles: ['operator'] } }) actor!: object;
  @ApiProperty({ type: String, format: 'date-time' }) occurredAt!: string;
  @ApiProperty({ type: String }) correlationId!: string;
  @ApiProperty({ type: String }) causationId!: string;
  @ApiPropertyOptional({ type: String }) idempotencyKey?: string;
  @ApiProperty({ type: String, example: '0'.repeat(64) }) prevHash!: string;
  @ApiProperty({ type: String }) hash!: string;
}

/** SPEC event shape: the stored envelope (personal fields encrypted as stored). */
export class EventSchema implements Omit<EventJson, 'metadata'> {
  @ApiProperty({ type: String, format: 'uuid' }) eventId!: string;
  @ApiProperty({ type: String, example: 'account-acc-42' }) streamId!: string;
  @ApiProperty({ type: Number }) version!: number;
  @ApiProperty({ type: String, example: '42' }) globalPosition!: string;
  @ApiProperty({ type: String, example: 'TopUpSettled' }) type!: string;
  @ApiProperty({ type: Number }) schemaVersion!: number;
  @ApiProperty({ type: Object }) data!: unknown;
  @ApiProperty({ type: () => EventMetadataSchema }) metadata!: EventMetadataSchema;
}

export class EventPageSchema {
  @ApiProperty({ type: () => [EventSchema] }) items!: EventSchema[];
  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'Pass as fromVersion for the next page.',
  })
  nextFromVersion!: number | null;
}

class FirstBadSchema {
  @ApiProperty({ type: Number }) version!: number;
  @ApiProperty({ type: String }) eventId!: string;
  @ApiProperty({
    type: String,
    enum: ['hash_mismatch', 'prev_hash_mismatch', 'version_gap', 'wrong_stream', 'unreadable'],
  })
  reason!: string;
}

export class VerifySchema {
  @ApiProperty({ type: String }) accountId!: string;
  @ApiProperty({ type: Boolean }) ok!: boolean;
  @ApiProperty({ type: Number, description: 'Events checked, including the bad one.' })
  checked!: number;
  @ApiPropertyOptional({ type: () => FirstBadSchema }) firstBad?: FirstBadSchema;
}

export class ExportSchema {
  @ApiProperty({ type: String, format: 'date-time' }) exportedAt!: string;
  @ApiProperty({ type: String }) exportedBy!: string;
  @ApiProperty({ type: () => AccountDetailsSchema }) account!: AccountDetailsSchema;
  @ApiProperty({ type: () => [EventSchema] }) events!: EventSchema[];
  @ApiProperty({ type: () => VerifySchema }) verification!: VerifySchema;
}
