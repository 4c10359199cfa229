import { ApiProperty } from '@nestjs/swagger';

/** OpenAPI shape of `GET /me`. */
export class SessionSchema {
  @ApiProperty({
    type: String,
    example: 'ap-1',
    description: 'The API key’s actor, or the access token’s `sub`.',
  })
  actorId!: string;
  @ApiProperty({
    type: String,
    required: false,
    example: 'Ann Approver',
    description: 'From the access token’s `name` (else `preferred_username`); absent for API keys.',
  })
  displayName?: string;
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
    type: Object,
    description:
      'How the caller signed in: `{ method: "api_key" }`, or `{ method: "oidc", clientId, authTime, acr, amr, stepUpValidUntil, reauthenticate }` where `stepUpValidUntil` (or null) says until when the token passes a step-up and `reauthenticate` (`max_age`, `prompt`, `acr_values`) what to sign in again with.',
    example: {
      method: 'oidc',
      clientId: 'ops-console',
      authTime: '2026-01-05T09:00:00.000Z',
      acr: 'urn:bank:mfa',
      amr: ['pwd', 'otp', 'mfa'],
      stepUpValidUntil: '2026-01-05T09:05:00.000Z',
      reauthenticate: { max_age: 300, prompt: 'login' },
    },
  })
  authentication!: Record<string, unknown>;
  @ApiProperty({
    required: false,
    type: Object,
    description:
      'Only for a console session (single sign-on): `{ method, csrfToken, expiresAt, idleMinutes }`; send csrfToken as X-CSRF-Token on writes.',
  })
  signIn?: Record<string, unknown>;
}
