/**
 * Verifies a second factor presented with a command. The engine calls it before
 * `decide`, which only sees whether verification succeeded.
 */
export interface StepUpVerifier {
  /** True when `code` is a valid, not yet used second factor for the actor at `now`. */
  verify(actorId: string, code: string, now: Date): Promise<boolean>;
}

/** Refuses every code: the safe default when no second factor is configured. */
export const noStepUpVerifier: StepUpVerifier = { verify: async () => false };
