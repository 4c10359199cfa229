import { MANUAL_FREEZE_REASONS } from '@account-ops/accounts';
import { IsOneOf, IsText, TEXT_LIMITS } from './fields';

/** `POST /accounts/:id/freezes`: manual or compliance freezes (the others arrive as signals). */
export class FreezeDto {
  @IsOneOf(MANUAL_FREEZE_REASONS, {
    description: '`compliance` needs the compliance role.',
    example: 'manual',
  })
  reason!: string;

  @IsText(TEXT_LIMITS.note, { example: 'suspicious activity reported by support' })
  note!: string;
}

/** `DELETE /accounts/:id/freezes/:reason`: why the reason is lifted. */
export class UnfreezeDto {
  @IsText(TEXT_LIMITS.note, { example: 'customer verified by phone' })
  note!: string;
}

/** Signals and lifecycle steps that take an optional note. */
export class NoteDto {
  @IsText(TEXT_LIMITS.note, { optional: true, example: 'requested by the customer' })
  note?: string;
}

/** `POST /accounts/:id/cancellation`. */
export class RequestCancellationDto {
  @IsText(TEXT_LIMITS.reason, { example: 'customer is moving abroad' })
  reason!: string;
}
