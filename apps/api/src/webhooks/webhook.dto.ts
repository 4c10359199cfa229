import { ApiPropertyOptional, ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { WEBHOOK_TOPICS } from '@account-ops/engine';

const TOPICS_DOC = {
  type: String,
  isArray: true,
  enum: [...WEBHOOK_TOPICS],
  description:
    'Event types (e.g. `RefundPaidOut`) and notification kinds (e.g. `refund_paid_out`), or `*` for all.',
  example: ['refund_approved', 'refund_paid_out'],
};

/** `POST /webhooks`. */
export class RegisterWebhookDto {
  @IsString({ message: '$property must be a string' })
  @MaxLength(2048)
  @ApiProperty({ type: String, maxLength: 2048, example: 'https://hooks.bank.example/account-ops' })
  url!: string;

  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @IsIn([...WEBHOOK_TOPICS], {
    each: true,
    message: '$property must name known event types or notification kinds (or *)',
  })
  @ApiProperty(TOPICS_DOC)
  topics!: string[];

  @IsOptional()
  @IsBoolean()
  @ApiPropertyOptional({ type: Boolean, default: true })
  enabled?: boolean;
}

/** `PATCH /webhooks/:webhookId`: any of the fields; `rotateSecret` answers the new secret once. */
export class ChangeWebhookDto {
  @IsOptional()
  @IsString({ message: '$property must be a string' })
  @MaxLength(2048)
  @ApiPropertyOptional({ type: String, maxLength: 2048 })
  url?: string;

  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @IsIn([...WEBHOOK_TOPICS], {
    each: true,
    message: '$property must name known event types or notification kinds (or *)',
  })
  @ApiPropertyOptional(TOPICS_DOC)
  topics?: string[];

  @IsOptional()
  @IsBoolean()
  @ApiPropertyOptional({ type: Boolean })
  enabled?: boolean;

  @IsOptional()
  @IsBoolean()
  @ApiPropertyOptional({
    type: Boolean,
    description: 'A new secret, shown once; the previous one keeps signing for a day.',
  })
  rotateSecret?: boolean;
}

/** `POST /webhooks/:webhookId/replay`. */
export class ReplayWebhookDto {
  @IsString({ message: '$property must be a string' })
  @Matches(/^\d{1,20}(\/\d{1,20})?$/, { message: '$property must be a global position such as 42' })
  @ApiProperty({
    type: String,
    example: '1200',
    description: 'Every event after this global position is delivered again (`0`: from the start).',
  })
  fromPosition!: string;
}

/** `GET /webhooks/:webhookId/deliveries`. */
export class WebhookDeliveriesQueryDto {
  @IsOptional()
  @IsIn(['pending', 'delivered', 'dead'])
  @ApiPropertyOptional({ type: String, enum: ['pending', 'delivered', 'dead'] })
  status?: 'pending' | 'delivered' | 'dead';

  @IsOptional()
  @Transform(({ value }: { value: unknown }) =>
    /^\d{1,15}$/.test(String(value)) ? Number(value) : value,
  )
  @IsInt()
  @Min(1)
  @ApiPropertyOptional({
    type: Number,
    description: 'Only deliveries with a smaller id (the next page).',
  })
  before?: number;

  @IsOptional()
  @Transform(({ value }: { value: unknown }) =>
    /^\d{1,4}$/.test(String(value)) ? Number(value) : value,
  )
  @IsInt()
  @Min(1)
  @Max(500)
  @ApiPropertyOptional({ type: Number, default: 50, maximum: 500 })
  limit?: number;
}
