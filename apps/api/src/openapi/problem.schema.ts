import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { FieldError, Problem } from '../http/problem';

class FieldErrorSchema implements FieldError {
  @ApiProperty({ type: String, example: 'amount' })
  field!: string;

  @ApiProperty({ type: String, example: 'must be a positive safe integer of minor units' })
  reason!: string;
}

/** RFC 9457 problem document (`application/problem+json`). */
export class ProblemSchema implements Problem {
  @ApiProperty({ type: String, example: 'urn:account-ops:problem:insufficient-funds' })
  type!: string;

  @ApiProperty({ type: String, example: 'Unprocessable Content' })
  title!: string;

  @ApiProperty({ type: Number, example: 422 })
  status!: number;

  @ApiProperty({ type: String, example: 'requested 12500 but only 9000 is available' })
  detail!: string;

  @ApiProperty({
    type: String,
    example: 'INSUFFICIENT_FUNDS',
    description: 'Stable; see docs/api.md.',
  })
  code!: string;

  @ApiPropertyOptional({ type: () => [FieldErrorSchema] })
  errors?: FieldError[];

  @ApiPropertyOptional({ type: Object, example: { available: 9000, requested: 12500 } })
  details?: Record<string, unknown>;
}
