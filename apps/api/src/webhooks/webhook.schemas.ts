import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** An endpoint as admins see it (never its secret). */
export class WebhookEndpointSchema {
  @ApiProperty({ type: String, example: 'wh_0f4c…' }) id!: string;
  @ApiProperty({ type: String }) url!: string;
  @ApiProperty({ type: String, isArray: true }) topics!: string[];
  @ApiProperty({ type: Boolean }) enabled!: boolean;
  @ApiProperty({
    type: String,
    description: 'Events up to this global position have been queued for it.',
  })
  position!: string;
  @ApiProperty({ type: String, nullable: true }) previousSecretExpiresAt!: string | null;
  @ApiProperty({ type: String }) createdAt!: string;
  @ApiProperty({ type: String }) updatedAt!: string;
}

/** The answer to a registration or a secret rotation: the secret appears here only. */
export class WebhookWithSecretSchema {
  @ApiProperty({ type: WebhookEndpointSchema }) endpoint!: WebhookEndpointSchema;
  @ApiPropertyOptional({
    type: String,
    example: 'whsec_…',
    description: 'The signing secret, shown once: store it now.',
  })
  secret!: string;
}

export class WebhookDeliverySchema {
  @ApiProperty({ type: Number }) id!: number;
  @ApiProperty({ type: String, description: 'The Webhook-Id header: the event id.' })
  eventId!: string;
  @ApiProperty({ type: String }) accountId!: string;
  @ApiProperty({ type: String }) position!: string;
  @ApiProperty({ type: String }) topic!: string;
  @ApiProperty({ type: String, enum: ['pending', 'delivered', 'dead'] }) status!: string;
  @ApiProperty({ type: Number }) attempts!: number;
  @ApiProperty({ type: String, nullable: true }) nextAttemptAt!: string | null;
  @ApiProperty({ type: Number, nullable: true }) lastStatus!: number | null;
  @ApiProperty({ type: String, nullable: true }) lastError!: string | null;
  @ApiProperty({ type: String }) createdAt!: string;
  @ApiProperty({ type: String, nullable: true }) deliveredAt!: string | null;
}

export class WebhookResendSchema {
  @ApiProperty({ type: Number, description: 'Dead letters put back in the queue.' })
  resent!: number;
}
