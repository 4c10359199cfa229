import { HttpException } from '@nestjs/common';
import { DomainError, type DomainErrorKind } from '@account-ops/accounts';
import {
  CommandsOverloaded,
  ConcurrencyConflict,
  IdempotencyKeyReused,
  InvalidIdempotencyKey,
  StepUpLocked,
  StepUpUnavailable,
} from '@account-ops/engine';
import { SHED_RETRY_AFTER_SECONDS } from '../limits/load-shedding';
import { ApiError, problem, type Problem } from './problem';

/** SPEC status codes by refusal kind. */
export const STATUS_BY_KIND: { readonly [K in DomainErrorKind]: number } = {
  validation: 400,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  rule: 422,
};

/** What the filter sends, and whether the error was unexpected (logged with its stack). */
export interface MappedError {
  readonly problem: Problem;
  readonly headers: Readonly<Record<string, string>>;
  readonly unexpected: boolean;
}

// Codes for HttpExceptions Nest raises itself (unknown route, bad percent-encoding…).
// Their messages can quote the request, so only the status is kept.
const CODES_BY_STATUS: Readonly<Record<number, string>> = {
  400: 'BAD_REQUEST',
  404: 'ROUTE_NOT_FOUND',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  503: 'SERVICE_UNAVAILABLE',
};

const GENERIC_DETAILS: Readonly<Record<number, string>> = {
  400: 'The request could not be understood.',
  404: 'No such route.',
  503: 'The service is not ready.',
};

const expected = (p: Problem, headers: Record<string, string> = {}): MappedError => ({
  problem: p,
  headers,
  unexpected: false,
});

/**
 * Maps anything thrown while handling a request to a problem document. Domain and engine
 * refusals keep their code and message (they never carry a card number); anything not
 * recognised becomes a 500 with a generic detail, so no internal message or stack leaks.
 */
export function mapError(error: unknown): MappedError {
  if (error instanceof ApiError) return expected(error.problem, { ...error.headers });
  if (error instanceof DomainError) return expected(fromDomainError(error));
  if (error instanceof ConcurrencyConflict) {
    return expected(
      problem(409, error.code, 'The account changed concurrently; retry the request.', {
        details: { accountId: error.accountId, attempts: error.attempts },
      }),
    );
  }
  if (error instanceof CommandsOverloaded) {
    return expected(
      problem(
        503,
        error.code,
        'Too many commands are in flight; nothing was written. Retry after the Retry-After delay with the same Idempotency-Key.',
      ),
      { 'Retry-After': String(SHED_RETRY_AFTER_SECONDS) },
    );
  }
  if (error instanceof IdempotencyKeyReused)
    return expected(problem(422, error.code, error.message));
  if (error instanceof InvalidIdempotencyKey) {
    return expected(
      problem(400, error.code, error.message, {
        errors: [{ field: 'Idempotency-Key', reason: error.details.rule }],
      }),
    );
  }
  if (error instanceof StepUpLocked) {
    // The actor is not told how many guesses it took; only when to come back.
    return expected(
      problem(
        403,
        error.code,
        'Step-up is locked after too many wrong codes; try again after the Retry-After delay or ask an admin to lift the lock. Nothing was changed.',
        { details: { lockedUntil: error.until } },
      ),
      { 'Retry-After': String(error.retryAfterSeconds) },
    );
  }
  if (error instanceof StepUpUnavailable) {
    // Not the caller's fault and not a wrong code: logged (actor and failure kind only) and
    // answered 503 so the client can tell a broken second-factor setup from a refusal.
    return {
      problem: problem(
        503,
        error.code,
        'The second factor could not be checked because of a server-side error; it has been logged. Nothing was changed.',
      ),
      headers: {},
      unexpected: true,
    };
  }
  if (error instanceof HttpException) return fromHttpException(error);
  return {
    problem: problem(500, 'INTERNAL_ERROR', 'An unexpected error occurred. It has been logged.'),
    headers: {},
    unexpected: true,
  };
}

const FIELD_CODES = new Set(['VALIDATION_FAILED', 'CARD_NUMBER_IN_TEXT']);

// The domain's own validation is the last gate; its failures read like the DTOs' ones.
function fromDomainError(error: DomainError): Problem {
  const { field, reason } = error.details;
  const errors =
    FIELD_CODES.has(error.code) && typeof field === 'string' && typeof reason === 'string'
      ? [{ field, reason }]
      : undefined;
  return problem(STATUS_BY_KIND[error.kind], error.code, error.message, {
    details: error.details,
    ...(errors ? { errors } : {}),
  });
}

function fromHttpException(error: HttpException): MappedError {
  const status = error.getStatus();
  if (status >= 500 && status !== 503) return mapError(new Error('unexpected HttpException'));
  const code = CODES_BY_STATUS[status] ?? `HTTP_${status}`;
  const detail = GENERIC_DETAILS[status] ?? 'The request was refused.';
  return expected(problem(status, code, detail));
}
