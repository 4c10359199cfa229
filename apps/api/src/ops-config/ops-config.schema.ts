import { ApiProperty } from '@nestjs/swagger';

class SettingRowSchema {
  @ApiProperty({ type: String, example: 'topUp.singleMax' }) key!: string;
  @ApiProperty({ type: String, example: 'ACCOUNT_OPS_TOP_UP_SINGLE_MAX' }) env!: string;
  @ApiProperty({ type: String }) rule!: string;
  @ApiProperty({ type: String, example: 'minor units' }) unit!: string;
  @ApiProperty({
    description: 'The effective value (JSON); amounts per currency as { default, JPY: … }',
    example: { default: 5_000_000, JPY: 500_000 },
  })
  value!: unknown;
  @ApiProperty({ type: String, example: '5000000,JPY=500000' }) text!: string;
  @ApiProperty({ type: String, example: '5000000' }) default!: string;
  @ApiProperty({ type: String, enum: ['default', 'file', 'env', 'options'] }) source!: string;
}

export class OpsConfigSchema {
  @ApiProperty({ type: String }) precedence!: string;
  @ApiProperty({ type: String, nullable: true }) file!: string | null;
  @ApiProperty({ type: () => [SettingRowSchema] }) settings!: SettingRowSchema[];
}
