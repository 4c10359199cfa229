import { accountConfig } from '../config/account-config';
import { DomainError } from '../errors/domain-error';
import { addMinutes } from '../time/instant';
import { AggregateDriver } from './aggregate-driver';
import { commandOf, type Step } from './command-arbitrary';

/** Small numbers, so random histories hit every limit, threshold and window. */
export const PROPERTY_CONFIG = accountConfig({
  topUpSingleMax: 3_000,
  topUpDailyMax: 8_000,
  topUpStepUpAbove: 1_000,
  refundTwoApproversAbove: 500,
  refundApprovalSlaHours: 24,
  failedLoginThreshold: 3,
  retentionDays: 2,
});

/**
 * Plays a random history through decide/evolve. A refusal that is not a DomainError, or
 * an event that does not apply, throws; `afterEach` sees the driver after every step.
 */
export function play(
  steps: readonly Step[],
  afterEach: (driver: AggregateDriver, outcome: unknown) => void = () => {},
): AggregateDriver {
  const driver = new AggregateDriver([], PROPERTY_CONFIG);
  for (const step of steps) {
    driver.jumpTo(addMinutes(driver.now, step.minutes));
    const outcome = driver.attempt(commandOf(step, driver.state), {
      stepUpVerified: step.stepUpVerified,
    });
    if (!Array.isArray(outcome) && !(outcome instanceof DomainError)) throw outcome;
    afterEach(driver, outcome);
  }
  return driver;
}
