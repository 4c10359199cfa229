import { ApiProperty } from '@nestjs/swagger';

class SettingRowSchema {
  @ApiProperty({ type: String, example: 'topUp.singleMax' }) key!: string;
  @ApiProperty({ type: String, example: 'ACCOUNT_OPS_TOP_UP_SINGLE_MAX' }) env!: string;
  @ApiProperty({ type: String }) rule!: string;
  @ApiProperty({ type: String, example: 'minor units' }) unit!: string;
  @ApiProperty({
    description:
      'The effective value (JSON): a number, or for amounts { default, JPY: … } (null: off); `(set)` for a secret',
    type: Object,
    oneOf: [
      { type: 'integer' },
      { type: 'object', additionalProperties: { type: 'integer', nullable: true } },
      { type: 'string' },
    ],
    example: { default: 5_000_000, JPY: 500_000 },
  })
  value!: number | string | Record<string, number | null>;
  @ApiProperty({ type: String, example: '5000000,JPY=500000' }) text!: string;
  @ApiProperty({ type: String, example: '5000000' }) default!: string;
  @ApiProperty({ type: String, enum: ['default', 'file', 'env', 'options'] }) source!: string;
}

export class OpsConfigSchema {
  @ApiProperty({ type: String }) precedence!: string;
  @ApiProperty({ type: String, nullable: true }) file!: string | null;
  @ApiProperty({ type: () => [SettingRowSchema] }) settings!: SettingRowSchema[];
}
