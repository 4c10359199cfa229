import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional, Matches } from 'class-validator';
import { IsQueryInt } from './fields';

const MAX_VERSION = 2 ** 31 - 1;

/** `GET /accounts/:id/events?fromVersion=&limit=`. */
export class EventsQueryDto {
  @IsQueryInt(1, MAX_VERSION, { optional: true, description: 'First version, inclusive.' })
  fromVersion: number = 1;

  @IsQueryInt(1, 1000, { optional: true, description: 'Page size (default 100).' })
  limit: number = 100;
}

/** `GET /accounts/:id/state?atVersion=&asOf=` (at most one of the two). */
export class StateQueryDto {
  @IsQueryInt(1, MAX_VERSION, { optional: true, description: 'State right after this version.' })
  atVersion?: number;

  @IsOptional()
  // A date-time without an offset would be read in the server's time zone.
  @Matches(/^\d{4}-\d{2}-\d{2}(T.*(Z|[+-]\d{2}:?\d{2}))?$/i, {
    message: '$property must be a date or a date-time with Z or an offset',
  })
  @IsISO8601(
    { strict: true, strictSeparator: true },
    { message: '$property must be an ISO-8601 instant' },
  )
  @ApiPropertyOptional({
    type: String,
    format: 'date-time',
    description: 'State after every event that occurred at or before this instant.',
  })
  asOf?: string;
}
