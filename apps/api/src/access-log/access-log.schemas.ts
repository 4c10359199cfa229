import { ApiProperty } from '@nestjs/swagger';

/** One recorded read: identifiers only, never the data that was read. */
export class AccessRecordSchema {
  @ApiProperty({ type: Number, description: 'Position in the chain: 1, 2, 3… without gaps.' })
  seq!: number;
  @ApiProperty({ type: String, format: 'date-time', description: 'When the read was recorded.' })
  at!: string;
  @ApiProperty({ type: String, description: 'Who read (actor id).' }) actor!: string;
  @ApiProperty({ type: String, description: 'Whose data was read.' }) accountId!: string;
  @ApiProperty({
    type: String,
    description: 'What was read: the route name (e.g. getAccount, exportAccount).',
  })
  what!: string;
  @ApiProperty({ type: String, nullable: true, description: 'The request id (X-Request-Id).' })
  requestId!: string | null;
  @ApiProperty({ type: String, description: "The previous record's hash (64 zeros for record 1)." })
  prevHash!: string;
  @ApiProperty({
    type: String,
    description: 'SHA-256 over prevHash, "\\n" and the canonical JSON of the six fields.',
  })
  hash!: string;
}

/** A page of the read-access log, oldest first. */
export class AccessPageSchema {
  @ApiProperty({ type: AccessRecordSchema, isArray: true }) items!: AccessRecordSchema[];
  @ApiProperty({ type: Number, nullable: true, description: 'Pass as `after` for the next page.' })
  nextAfter!: number | null;
}
