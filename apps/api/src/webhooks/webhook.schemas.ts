import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** An endpoint as admins see it (never its secret). */
export class WebhookEndpointSchema {
  @ApiProperty({ example: 'wh_0f4c…' }) id!: string;
  @ApiProperty() url!: string;
  @ApiProperty({ type: String, isArray: true }) topics!: string[];
  @ApiProperty() enabled!: boolean;
  @ApiProperty({ description: 'Events up to this global position have been queued for it.' })
  position!: string;
  @ApiProperty({ type: String, nullable: true }) previousSecretExpiresAt!: string | null;
  @ApiProperty() createdAt!: string;
  @ApiProperty() updatedAt!: string;
}

/** The answer to a registration or a secret rotation: the secret appears here only. */
export class WebhookWithSecretSchema {
  @ApiProperty({ type: WebhookEndpointSchema }) endpoint!: WebhookEndpointSchema;
  @ApiPropertyOptional({
    example: 'whsec_…',
    description: 'The signing secret, shown once: store it now.',
  })
  secret?: string;
}

export class WebhookDeliverySchema {
  @ApiProperty() id!: number;
  @ApiProperty({ description: 'The Webhook-Id header: the event id.' }) eventId!: string;
  @ApiProperty() accountId!: string;
  @ApiProperty() position!: string;
  @ApiProperty() topic!: string;
  @ApiProperty({ enum: ['pending', 'delivered', 'dead'] }) status!: string;
  @ApiProperty() attempts!: number;
  @ApiProperty({ type: String, nullable: true }) nextAttemptAt!: string | null;
  @ApiProperty({ type: Number, nullable: true }) lastStatus!: number | null;
  @ApiProperty({ type: String, nullable: true }) lastError!: string | null;
  @ApiProperty() createdAt!: string;
  @ApiProperty({ type: String, nullable: true }) deliveredAt!: string | null;
}

export class WebhookResendSchema {
  @ApiProperty({ description: 'Dead letters put back in the queue.' }) resent!: number;
}
