/**
 * The actor's step-up is locked after too many wrong codes (403 STEP_UP_LOCKED over HTTP,
 * with Retry-After). No code is checked while locked, so guessing goes no further.
 */
export class StepUpLocked extends Error {
  readonly code = 'STEP_UP_LOCKED';
  /** Whole seconds from the refusal to `until` (at least 1), for `Retry-After`. */
  readonly retryAfterSeconds: number;

  constructor(
    readonly actorId: string,
    readonly until: string,
    now: Date,
  ) {
    super(`step-up for ${actorId} is locked until ${until} after too many wrong codes`);
    this.name = 'StepUpLocked';
    this.retryAfterSeconds = Math.max(1, Math.ceil((Date.parse(until) - now.getTime()) / 1000));
  }
}
