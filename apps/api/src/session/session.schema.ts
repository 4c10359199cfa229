import { ApiProperty } from '@nestjs/swagger';

/** OpenAPI shape of `GET /me`. */
export class SessionSchema {
  @ApiProperty({ type: String, example: 'ap-1' }) actorId!: string;
  @ApiProperty({ type: String, isArray: true, example: ['approver'] }) roles!: string[];
  @ApiProperty({
    type: String,
    isArray: true,
    description: 'Route names (operationIds) this key passes the route guard for.',
    example: ['getAccount', 'opsRefunds', 'approveRefund', 'rejectRefund'],
  })
  routes!: string[];
  @ApiProperty({
    type: Object,
    description:
      'For each of those routes that can need a second factor: `never`, `always` or `{ above: amount }`.',
    example: { approveRefund: { above: 100000 } },
  })
  stepUp!: Record<string, unknown>;
  @ApiProperty({
    type: Boolean,
    description: 'Whether a TOTP secret is configured for this actor.',
  })
  secondFactor!: boolean;
  @ApiProperty({
    required: false,
    type: Object,
    description:
      'Only for a console session (single sign-on): `{ method, csrfToken, expiresAt, idleMinutes }`; send csrfToken as X-CSRF-Token on writes.',
  })
  signIn?: Record<string, unknown>;
}
