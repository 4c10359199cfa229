import {
  BadRequestException,
  InternalServerErrorException,
  NotFoundException,
  PayloadTooLargeException,
} from '@nestjs/common';
import {
  AccountNotFound,
  ERROR_KINDS,
  Forbidden,
  InsufficientFunds,
  InvalidTransition,
  ValidationFailed,
} from '@account-ops/accounts';
import {
  ConcurrencyConflict,
  IdempotencyKeyReused,
  InvalidIdempotencyKey,
} from '@account-ops/engine';
import { ApiError } from './problem';
import { mapError, STATUS_BY_KIND } from './problem-mapping';

const PAN = '4111111111111111';

describe('mapError', () => {
  it.each([
    [new ValidationFailed('amount', 'must be positive'), 400, 'VALIDATION_FAILED'],
    [new Forbidden('Freeze', ['compliance']), 403, 'FORBIDDEN'],
    [new AccountNotFound('acc-1'), 404, 'ACCOUNT_NOT_FOUND'],
    [new InvalidTransition('refund', 'rf-1', 'paid', 'ApproveRefund'), 409, 'INVALID_TRANSITION'],
    [new InsufficientFunds(100, 500), 422, 'INSUFFICIENT_FUNDS'],
    [new ConcurrencyConflict('acc-1', 5), 409, 'VERSION_CONFLICT'],
    [new IdempotencyKeyReused('k-1'), 422, 'IDEMPOTENCY_KEY_REUSED'],
    [new InvalidIdempotencyKey(), 400, 'VALIDATION_FAILED'],
  ])('%p → %i %s', (error, status, code) => {
    const { problem, unexpected } = mapError(error);
    expect(problem).toMatchObject({
      status,
      code,
      type: expect.stringMatching(/^urn:account-ops:problem:/),
    });
    expect(problem.title.length).toBeGreaterThan(0);
    expect(unexpected).toBe(false);
  });

  it('maps every domain refusal code by its kind (SPEC status table)', () => {
    expect(STATUS_BY_KIND).toEqual({
      validation: 400,
      forbidden: 403,
      not_found: 404,
      conflict: 409,
      rule: 422,
    });
    expect(Object.keys(ERROR_KINDS).length).toBeGreaterThan(15);
  });

  it('keeps a domain error’s details for the client', () => {
    expect(mapError(new InsufficientFunds(100, 500)).problem.details).toEqual({
      available: 100,
      requested: 500,
    });
  });

  it('passes an ApiError through with its headers', () => {
    const error = new ApiError(
      401,
      'UNAUTHENTICATED',
      'no key',
      {},
      { 'WWW-Authenticate': 'Bearer' },
    );
    expect(mapError(error)).toEqual({
      problem: error.problem,
      headers: { 'WWW-Authenticate': 'Bearer' },
      unexpected: false,
    });
  });

  it.each([
    [new NotFoundException(`Cannot GET /accounts/${PAN}`), 404, 'ROUTE_NOT_FOUND'],
    [
      new BadRequestException(`Unexpected token in JSON: "cardNumber":"${PAN}x"`),
      400,
      'BAD_REQUEST',
    ],
    [new PayloadTooLargeException(`body ${PAN}`), 413, 'PAYLOAD_TOO_LARGE'],
  ])('answers Nest’s own %p by status, without echoing its message', (error, status, code) => {
    const { problem } = mapError(error);
    expect(problem).toMatchObject({ status, code });
    expect(JSON.stringify(problem)).not.toContain(PAN);
  });

  it.each([
    new Error('connect ECONNREFUSED db.internal:5432 password=hunter2'),
    new InternalServerErrorException('stack and secrets'),
    'a thrown string',
    undefined,
  ])('turns anything else (%p) into a generic 500, flagged for the log', (error) => {
    const { problem, unexpected } = mapError(error);
    expect(problem).toMatchObject({ status: 500, code: 'INTERNAL_ERROR' });
    expect(problem.detail).not.toMatch(/hunter2|secrets|ECONNREFUSED|string/);
    expect(unexpected).toBe(true);
  });
});
