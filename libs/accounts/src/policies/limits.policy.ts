import type { AccountConfig } from '../config/account-config';
import { LimitExceeded } from '../errors/rule-errors';
import { ownEntry } from '../shared/own-entry';
import type { AccountState } from '../state/account-state';
import { utcDayOf } from '../state/evolve-top-up';

/** What one UTC day has used of the daily limit: initiated top-ups that did not fail. */
export function usedToday(state: AccountState, now: string): number {
  return ownEntry(state.topUpLedger.days, utcDayOf(now)) ?? 0;
}

/**
 * SPEC §2 limits. Every refusal reports the same `remaining`: the largest top-up that
 * would pass right now. The balance ceiling keeps every sum a safe integer.
 */
export function checkTopUpLimits(
  state: AccountState,
  amount: number,
  now: string,
  config: AccountConfig,
): void {
  const { available, held, pendingIn } = state.balance;
  const dailyRemaining = Math.max(0, config.topUpDailyMax - usedToday(state, now));
  const balanceRemaining = Number.MAX_SAFE_INTEGER - available - held - pendingIn;
  const remaining = Math.min(config.topUpSingleMax, dailyRemaining, balanceRemaining);
  if (amount > config.topUpSingleMax) {
    throw new LimitExceeded('top_up_single_max', config.topUpSingleMax, remaining, amount);
  }
  if (amount > dailyRemaining) {
    throw new LimitExceeded('top_up_daily_max', config.topUpDailyMax, remaining, amount);
  }
  if (amount > balanceRemaining) {
    throw new LimitExceeded('balance_max', Number.MAX_SAFE_INTEGER, remaining, amount);
  }
}
