import { ApiProperty } from '@nestjs/swagger';

class SearchBalanceSchema {
  @ApiProperty({ type: Number, example: 150000 }) available!: number;
  @ApiProperty({ type: Number, example: 20000 }) held!: number;
  @ApiProperty({ type: Number, example: 0 }) pendingIn!: number;
}

/** One account a search found. */
export class SearchItemSchema {
  @ApiProperty({ type: String, example: 'acc-42' }) accountId!: string;
  @ApiProperty({
    type: String,
    nullable: true,
    example: 'Clara Schmidt',
    description: 'Null once the account is closed (its personal data is erased).',
  })
  ownerName!: string | null;
  @ApiProperty({ type: String, example: 'active' }) status!: string;
  @ApiProperty({ type: Boolean, example: false }) frozen!: boolean;
  @ApiProperty({ type: String, example: 'EUR' }) currency!: string;
  @ApiProperty({ type: SearchBalanceSchema }) balance!: SearchBalanceSchema;
}

/** `POST /search`: the accounts found, the exact account id first. */
export class SearchResultSchema {
  @ApiProperty({ type: SearchItemSchema, isArray: true }) items!: SearchItemSchema[];
  @ApiProperty({
    type: Boolean,
    description: 'More accounts matched than were returned: a longer query narrows it.',
  })
  truncated!: boolean;
}
