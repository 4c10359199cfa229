/**
 * The actor's step-up is locked after too many wrong codes (403 STEP_UP_LOCKED over HTTP,
 * with Retry-After). No code is checked while locked, so guessing goes no further.
 */
export class StepUpLocked extends Error {
  readonly code = 'STEP_UP_LOCKED';

  constructor(
    readonly actorId: string,
    readonly until: string,
  ) {
    super(`step-up for ${actorId} is locked until ${until} after too many wrong codes`);
    this.name = 'StepUpLocked';
  }
}
