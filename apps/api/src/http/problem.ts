import { HttpException } from '@nestjs/common';

/** One field that failed validation. The offending value is never echoed (it may be a PAN). */
export interface FieldError {
  readonly field: string;
  readonly reason: string;
}

/** RFC 9457 problem details, the body of every error response. */
export interface Problem {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail: string;
  /** Stable, machine-readable; clients switch on this, never on `detail`. */
  readonly code: string;
  /** Validation failures, one per field. */
  readonly errors?: readonly FieldError[];
  /** Facts of a domain refusal (limits, remaining allowance, blockers, allowed roles…). */
  readonly details?: Readonly<Record<string, unknown>>;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json; charset=utf-8';

/** `urn:account-ops:problem:insufficient-funds` — stable, not dereferenceable (RFC 9457 §3.1.1). */
export function problemType(code: string): string {
  return `urn:account-ops:problem:${code.toLowerCase().replace(/_/g, '-')}`;
}

const TITLES: Readonly<Record<number, string>> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  431: 'Request Header Fields Too Large',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

export function statusTitle(status: number): string {
  return TITLES[status] ?? (status >= 500 ? 'Server Error' : 'Client Error');
}

/** Builds a problem document; `extra` adds `errors` or `details` when present. */
export function problem(
  status: number,
  code: string,
  detail: string,
  extra: Pick<Problem, 'errors' | 'details'> = {},
): Problem {
  return {
    type: problemType(code),
    title: statusTitle(status),
    status,
    detail,
    code,
    ...(extra.errors !== undefined ? { errors: extra.errors } : {}),
    ...(extra.details !== undefined ? { details: extra.details } : {}),
  };
}

/**
 * An error raised by the API layer itself (auth, validation, transport) that already knows
 * its problem document. Extends HttpException so Nest treats it as an expected outcome.
 */
export class ApiError extends HttpException {
  readonly problem: Problem;

  constructor(
    status: number,
    code: string,
    detail: string,
    extra: Pick<Problem, 'errors' | 'details'> = {},
    /** Extra response headers, e.g. `WWW-Authenticate` on a 401. */
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(detail, status);
    this.problem = problem(status, code, detail, extra);
    this.name = 'ApiError';
  }
}
