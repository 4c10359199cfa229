import type { AccountConfig } from '../config/account-config';
import { LimitExceeded, type LimitSource } from '../errors/rule-errors';
import { ownEntry } from '../shared/own-entry';
import type { AccountState } from '../state/account-state';
import { utcDayOf } from '../state/evolve-top-up';

/** What one UTC day has used of the daily limit: initiated top-ups that did not fail. */
export function usedToday(state: AccountState, now: string): number {
  return ownEntry(state.topUpLedger.days, utcDayOf(now)) ?? 0;
}

/** One limit in force for an account: its value and whose it is. */
export interface LimitInForce {
  readonly value: number;
  readonly source: LimitSource;
}

/**
 * SPEC §2 "per account, configurable with defaults": the account's own limit where it has
 * one (SetTopUpLimits), else the configured default (already resolved for its currency).
 */
export function topUpLimitsInForce(
  state: AccountState,
  config: AccountConfig,
): { singleMax: LimitInForce; dailyMax: LimitInForce } {
  const own = state.topUpLimits;
  const pick = (mine: number | null | undefined, fallback: number): LimitInForce =>
    mine === null || mine === undefined
      ? { value: fallback, source: 'default' }
      : { value: mine, source: 'account' };
  return {
    singleMax: pick(own?.singleMax, config.topUpSingleMax),
    dailyMax: pick(own?.dailyMax, config.topUpDailyMax),
  };
}

/**
 * SPEC §2 limits. Every refusal reports the same `remaining`: the largest top-up that
 * would pass right now, and whose limit it hit. The balance ceiling keeps every sum a
 * safe integer.
 */
export function checkTopUpLimits(
  state: AccountState,
  amount: number,
  now: string,
  config: AccountConfig,
): void {
  const { available, held, pendingIn } = state.balance;
  const { singleMax, dailyMax } = topUpLimitsInForce(state, config);
  const dailyRemaining = Math.max(0, dailyMax.value - usedToday(state, now));
  const balanceRemaining = Number.MAX_SAFE_INTEGER - available - held - pendingIn;
  const remaining = Math.min(singleMax.value, dailyRemaining, balanceRemaining);
  if (amount > singleMax.value) {
    throw new LimitExceeded(
      'top_up_single_max',
      singleMax.value,
      remaining,
      amount,
      singleMax.source,
    );
  }
  if (amount > dailyRemaining) {
    throw new LimitExceeded('top_up_daily_max', dailyMax.value, remaining, amount, dailyMax.source);
  }
  if (amount > balanceRemaining) {
    throw new LimitExceeded('balance_max', Number.MAX_SAFE_INTEGER, remaining, amount);
  }
}
