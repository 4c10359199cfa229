import { DEFAULT_ACCOUNT_CONFIG } from '@account-ops/accounts';
import { DEFAULT_STEP_UP_LOCKOUT, type StepUpLockoutPolicy } from '@account-ops/engine';
import { ApiConfigError } from './api-config-error';

/** The identity settings (issue 23), read apart from the rest of the loader. */
export interface IdentityConfig {
  readonly stepUpLockout: StepUpLockoutPolicy;
  /** Only when set: merged into the account configuration by the loader. */
  readonly cardChangePayoutHoldHours?: number;
}

function positive(env: NodeJS.ProcessEnv, name: string, max: number): number | undefined {
  const text = env[name]?.trim();
  if (!text) return undefined;
  const value = Number(text);
  if (!/^\d{1,6}$/.test(text) || value < 1 || value > max) {
    throw new ApiConfigError(`${name} must be an integer from 1 to ${max}`);
  }
  return value;
}

/**
 * ACCOUNT_OPS_STEP_UP_MAX_FAILURES (10) wrong step-up codes within
 * ACCOUNT_OPS_STEP_UP_LOCKOUT_MINUTES (15) lock the actor's step-up (PCI DSS 8.3.4 asks
 * for at most 10); ACCOUNT_OPS_CARD_CHANGE_PAYOUT_HOLD_HOURS (24): how long payouts to a
 * replaced card wait.
 */
export function loadIdentityConfig(env: NodeJS.ProcessEnv): IdentityConfig {
  const maxFailures =
    positive(env, 'ACCOUNT_OPS_STEP_UP_MAX_FAILURES', 10) ?? DEFAULT_STEP_UP_LOCKOUT.maxFailures;
  const windowMinutes =
    positive(env, 'ACCOUNT_OPS_STEP_UP_LOCKOUT_MINUTES', 24 * 60) ??
    DEFAULT_STEP_UP_LOCKOUT.windowMinutes;
  const hold = positive(env, 'ACCOUNT_OPS_CARD_CHANGE_PAYOUT_HOLD_HOURS', 24 * 30);
  return {
    stepUpLockout: { maxFailures, windowMinutes },
    ...(hold !== undefined && hold !== DEFAULT_ACCOUNT_CONFIG.cardChangePayoutHoldHours
      ? { cardChangePayoutHoldHours: hold }
      : {}),
  };
}
