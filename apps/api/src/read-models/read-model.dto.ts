import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional, Matches, ValidateBy } from 'class-validator';
import {
  ACCOUNT_STATUSES,
  EVENT_TYPES,
  FREEZE_REASONS,
  REFUND_STATUSES,
} from '@account-ops/accounts';
import { IsId, IsOneOf, IsQueryInt } from '../dto/fields';

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

export function IsInstant(description: string): PropertyDecorator {
  return (target, key) => {
    IsOptional()(target, key);
    Matches(INSTANT, { message: '$property must be an ISO-8601 date-time with Z or an offset' })(
      target,
      key,
    );
    IsISO8601({ strict: true }, { message: '$property must be an ISO-8601 instant' })(target, key);
    ApiPropertyOptional({ type: String, format: 'date-time', description })(target, key);
  };
}

// Positions are signed 64-bit integers in both stores: a 20-digit one reached the SQL
// driver as an overflow, a 500 instead of a 400.
const MAX_POSITION = 2n ** 63n - 1n;
const POSITION = /^\d{1,19}(\/\d{1,19})?$/;

function IsPosition(): PropertyDecorator {
  return ValidateBy({
    name: 'isPosition',
    validator: {
      validate: (value: unknown) =>
        typeof value === 'string' &&
        POSITION.test(value) &&
        value.split('/').every((part) => BigInt(part) <= MAX_POSITION),
      defaultMessage: () => '$property must be a position (nextAfter)',
    },
  });
}

/** `GET /audit?accountId=&actor=&type=&from=&to=&after=&limit=`. */
export class AuditQueryDto {
  @IsId({ optional: true, description: 'Only this account.' })
  accountId?: string;

  @IsId({ optional: true, description: 'Only events caused by this actor id.' })
  actor?: string;

  @IsOneOf([...EVENT_TYPES], { optional: true, description: 'Only this event type.' })
  type?: string;

  @IsInstant('Events that occurred at or after this instant.')
  from?: string;

  @IsInstant('Events that occurred before this instant.')
  to?: string;

  @IsOptional()
  @IsPosition()
  @ApiPropertyOptional({ type: String, description: "The previous page's nextAfter." })
  after?: string;

  @IsQueryInt(1, 1000, { optional: true, description: 'Page size (default 100).' })
  limit: number = 100;
}

/** `GET /ops/refunds?status=`: without a status, the approval queue with ages. */
export class OpsRefundsQueryDto {
  @IsOneOf([...REFUND_STATUSES], { optional: true, description: 'Only refunds in this status.' })
  status?: string;
}

/** `GET /ops/accounts?status=&freezeReason=`. */
export class OpsAccountsQueryDto {
  @IsOneOf(ACCOUNT_STATUSES.filter((s) => s !== 'unopened'), {
    optional: true,
    description: 'Only accounts in this lifecycle status.',
  })
  status?: string;

  @IsOneOf([...FREEZE_REASONS], {
    optional: true,
    description: 'Only accounts frozen for this reason.',
  })
  freezeReason?: string;
}

/** `GET /ops/top-ups?olderThanSeconds=`: pending top-ups older than the threshold. */
export class OpsTopUpsQueryDto {
  @IsQueryInt(0, 365 * 86_400, {
    optional: true,
    description: 'Minimum age in seconds (default 3600).',
  })
  olderThanSeconds: number = 3600;
}
