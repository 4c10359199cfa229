import { IsId, IsQueryInt } from '../dto/fields';
import { IsInstant } from '../read-models/read-model.dto';

/** `GET /audit/access?accountId=&actor=&from=&to=&after=&limit=`. */
export class AccessQueryDto {
  @IsId({ optional: true, description: "Only reads of this account's data." })
  accountId?: string;

  @IsId({ optional: true, description: 'Only reads by this actor id.' })
  actor?: string;

  @IsInstant('Reads recorded at or after this instant.')
  from?: string;

  @IsInstant('Reads recorded before this instant.')
  to?: string;

  @IsQueryInt(0, Number.MAX_SAFE_INTEGER, {
    optional: true,
    description: "The previous page's nextAfter (a record's seq).",
  })
  after?: number;

  @IsQueryInt(1, 1000, { optional: true, description: 'Page size (default 100).' })
  limit: number = 100;
}
