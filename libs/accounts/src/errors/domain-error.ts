import type { JsonObject } from '../shared/json';

/**
 * How a refusal maps onto SPEC's status codes: validation 400, forbidden 403,
 * not_found 404, conflict 409 (the account or entity is in the wrong state for the
 * command), rule 422 (a business rule with numbers: limits, funds, maker-checker).
 */
export type DomainErrorKind = 'validation' | 'forbidden' | 'not_found' | 'conflict' | 'rule';

/** Every refusal code `decide` can produce, with its kind. One table so docs and HTTP agree. */
export const ERROR_KINDS = {
  VALIDATION_FAILED: 'validation',
  CARD_NUMBER_IN_TEXT: 'validation',
  FORBIDDEN: 'forbidden',
  STEP_UP_REQUIRED: 'forbidden',
  ACCOUNT_NOT_FOUND: 'not_found',
  TOP_UP_NOT_FOUND: 'not_found',
  REFUND_NOT_FOUND: 'not_found',
  ACCOUNT_ALREADY_EXISTS: 'conflict',
  TOP_UP_ALREADY_EXISTS: 'conflict',
  REFUND_ALREADY_EXISTS: 'conflict',
  DUPLICATE_PAYMENT_REFERENCE: 'conflict',
  INVALID_TRANSITION: 'conflict',
  ACCOUNT_FROZEN: 'conflict',
  FREEZE_REASON_ALREADY_ACTIVE: 'conflict',
  FREEZE_REASON_NOT_ACTIVE: 'conflict',
  CANCELLATION_BLOCKED: 'conflict',
  PAYOUT_IN_FLIGHT: 'conflict',
  PAYOUT_HELD: 'conflict',
  DEADLINE_NOT_REACHED: 'conflict',
  INSUFFICIENT_FUNDS: 'rule',
  LIMIT_EXCEEDED: 'rule',
  MAKER_CHECKER_VIOLATION: 'rule',
  BANK_CARD_REQUIRED: 'rule',
} as const satisfies Record<string, DomainErrorKind>;

export type DomainErrorCode = keyof typeof ERROR_KINDS;

/**
 * The only thing `decide` throws: a refusal with a stable `code`, the `kind` that picks
 * the HTTP status, and JSON-safe `details` for the problem document. Messages and
 * details never echo a card number.
 */
export abstract class DomainError<D extends JsonObject = JsonObject> extends Error {
  readonly kind: DomainErrorKind;

  protected constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly details: D,
  ) {
    super(message);
    this.name = new.target.name;
    this.kind = ERROR_KINDS[code];
  }

  toJSON(): JsonObject {
    return { code: this.code, kind: this.kind, message: this.message, details: this.details };
  }
}

export function isDomainError(value: unknown): value is DomainError {
  return value instanceof DomainError;
}
