import { StepUpUnavailable } from './step-up-unavailable';

/**
 * Verifies a second factor presented with a command. The engine calls it before
 * `decide`, which only sees whether verification succeeded.
 *
 * `false` means a well-formed code that is not a valid, unused factor for the actor now: a
 * refusal (403 STEP_UP_REQUIRED over HTTP). A verifier that cannot check a code (its
 * configuration or library failed) throws {@link StepUpUnavailable} instead, so a broken
 * setup is never reported as a wrong code.
 */
export interface StepUpVerifier {
  /** True when `code` is a valid, not yet used second factor for the actor at `now`. */
  verify(actorId: string, code: string, now: Date): Promise<boolean>;
}

/**
 * The default when no verifier is configured. Commands that need a second factor are
 * refused without one (STEP_UP_REQUIRED); a code that is presented anyway cannot be
 * checked, which is a configuration gap to report, not a wrong code.
 */
export const noStepUpVerifier: StepUpVerifier = {
  verify: async (actorId) => {
    throw new StepUpUnavailable(actorId, 'no StepUpVerifier is configured');
  },
};
