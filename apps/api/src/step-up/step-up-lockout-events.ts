import type { StepUpLockoutEvents } from '@account-ops/engine';
import type { ApiRuntime } from '../app/api-options';

/**
 * The lockout's metrics and log lines: counters without an actor label (bounded), and a
 * warning naming the actor when a lockout starts (who is being guessed at matters to the
 * security team). Never the code.
 */
export function lockoutEvents({ logger, metrics }: ApiRuntime): StepUpLockoutEvents {
  return {
    onFailure: () => metrics.stepUpFailures.inc(),
    onLocked: (actorId, until) => {
      metrics.stepUpLockouts.inc();
      logger.warn(
        { event: 'step_up_locked', actorId, until },
        'step-up locked after too many wrong codes',
      );
    },
    onRefusedWhileLocked: () => metrics.stepUpRefusedWhileLocked.inc(),
  };
}
