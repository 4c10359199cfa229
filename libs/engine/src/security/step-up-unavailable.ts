/**
 * The second factor could not be checked: the verifier or its library failed, which says
 * nothing about the code. Distinct from a refusal (`verify` → false, 403 STEP_UP_REQUIRED)
 * so an operator can tell a broken configuration from a wrong code. The message names the
 * actor and the kind of failure only, never the code or the secret.
 */
export class StepUpUnavailable extends Error {
  readonly code = 'STEP_UP_UNAVAILABLE';
  constructor(
    readonly actorId: string,
    readonly failure: string,
  ) {
    super(`the second factor of actor "${actorId}" could not be checked (${failure})`);
    this.name = 'StepUpUnavailable';
  }
}
