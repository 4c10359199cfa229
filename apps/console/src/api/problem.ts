/** RFC 9457 problem details as the API sends them (docs/api.md, Errors). */
export interface Problem {
  readonly type?: string;
  readonly title: string;
  readonly status: number;
  readonly detail?: string;
  readonly code?: string;
  readonly errors?: ReadonlyArray<{ readonly field: string; readonly reason: string }>;
  readonly details?: Readonly<Record<string, unknown>>;
}

/**
 * A failed call: a problem document from the API, or `status: 0` when no answer came
 * (network down, connection reset). `retryAfterSeconds` is set from `Retry-After`.
 */
export class ApiFailure extends Error {
  constructor(
    readonly problem: Problem,
    readonly retryAfterSeconds?: number,
  ) {
    super(problem.detail ?? problem.title);
    this.name = 'ApiFailure';
  }

  get status(): number {
    return this.problem.status;
  }

  get code(): string | undefined {
    return this.problem.code;
  }

  /** No answer: the request may or may not have reached the server. */
  get isNetwork(): boolean {
    return this.problem.status === 0;
  }

  /** Worth sending again unchanged (with the same Idempotency-Key): 429, 503, no answer. */
  get isRetryable(): boolean {
    return this.isNetwork || this.status === 429 || this.status === 503;
  }
}

/** The problem for a request that got no answer. */
export function networkProblem(): Problem {
  return {
    title: 'No answer from the server',
    status: 0,
    detail: 'The request may not have arrived. Sending it again is safe: it is idempotent.',
    code: 'NETWORK_ERROR',
  };
}

/** Reads a body as a problem document, or describes the status when it is not one. */
export function toProblem(status: number, statusText: string, body: unknown): Problem {
  if (body && typeof body === 'object' && typeof (body as Problem).title === 'string') {
    return { ...(body as Problem), status };
  }
  return { title: statusText || `HTTP ${status}`, status };
}

// Plain words for the refusals ops staff meet; the API's own detail follows them.
const PLAIN_WORDS: Readonly<Record<string, string>> = {
  MAKER_CHECKER_VIOLATION:
    'Maker-checker: a refund must be approved by someone other than its requester, and each approver approves once.',
  STEP_UP_REQUIRED: 'This action needs a one-time code from your authenticator app.',
  FORBIDDEN: 'Your role does not allow this action.',
  UNAUTHENTICATED: 'The API key was not accepted. Sign in again.',
  INSUFFICIENT_FUNDS: 'The account does not have that much available.',
  ACCOUNT_FROZEN: 'The account is frozen: lift the freeze first.',
  INVALID_TRANSITION:
    'This step is not possible in the current state (someone may have acted already).',
  IDEMPOTENCY_KEY_REUSED:
    'This form was already sent with different values. Reload the page to see what happened.',
  ACCOUNT_NOT_FOUND: 'There is no account with that id.',
  REFUND_NOT_FOUND: 'There is no refund with that id on this account.',
  VERSION_NOT_FOUND: 'The account has no such version.',
  VALIDATION_FAILED: 'Some fields are not valid.',
  LIMIT_EXCEEDED: 'A limit would be exceeded.',
  NETWORK_ERROR: 'No answer from the server.',
};

/** One sentence an ops person understands, then the API's detail (if it adds anything). */
export function plainWords(problem: Problem): string {
  const plain = (problem.code && PLAIN_WORDS[problem.code]) || problem.title;
  const fields = problem.errors?.map((e) => `${e.field} ${e.reason}`).join('; ');
  const detail = fields || problem.detail;
  return detail && detail !== plain ? `${plain} ${detail}` : plain;
}
