import { describe, expect, it } from '@jest/globals';
import { ApiFailure, networkProblem, plainWords, toProblem } from './problem';
import { retryAfterSeconds } from './retry-after';

describe('problems in plain words', () => {
  it('explains maker-checker and keeps the API’s detail', () => {
    const text = plainWords({
      title: 'Unprocessable Content',
      status: 422,
      code: 'MAKER_CHECKER_VIOLATION',
      detail: 'the requester of refund rf-1 may not approve it',
    });
    expect(text).toMatch(/^Maker-checker: a refund must be approved by someone other/);
    expect(text).toContain('the requester of refund rf-1 may not approve it');
  });

  it('lists the fields of a validation failure', () => {
    const text = plainWords({
      title: 'Bad Request',
      status: 400,
      code: 'VALIDATION_FAILED',
      detail: 'The request is invalid.',
      errors: [{ field: 'amount', reason: 'must be a positive integer' }],
    });
    expect(text).toBe('Some fields are not valid. amount must be a positive integer');
  });

  it('falls back to the title for codes it does not know, and for bodies that are no problem', () => {
    expect(plainWords({ title: 'Conflict', status: 409, code: 'NEW_CODE' })).toBe('Conflict');
    expect(toProblem(502, 'Bad Gateway', '<html>')).toEqual({ title: 'Bad Gateway', status: 502 });
  });

  it('retries what is worth retrying with the same key: no answer, 429, 503', () => {
    expect(new ApiFailure(networkProblem()).isRetryable).toBe(true);
    expect(new ApiFailure({ title: 'Too Many Requests', status: 429 }).isRetryable).toBe(true);
    expect(new ApiFailure({ title: 'Service Unavailable', status: 503 }).isRetryable).toBe(true);
    expect(new ApiFailure({ title: 'Conflict', status: 409 }).isRetryable).toBe(false);
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    const now = Date.parse('2026-03-02T09:00:00Z');
    expect(retryAfterSeconds('12', now)).toBe(12);
    expect(retryAfterSeconds('Mon, 02 Mar 2026 09:00:30 GMT', now)).toBe(30);
    expect(retryAfterSeconds('Mon, 02 Mar 2026 08:00:00 GMT', now)).toBe(0);
    expect(retryAfterSeconds('soon', now)).toBeUndefined();
    expect(retryAfterSeconds(null, now)).toBeUndefined();
  });
});
