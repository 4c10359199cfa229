import { CURRENCIES } from '../money/currency';

/**
 * Every tunable rule of the domain, defaulting to SPEC's "Defaults" table. Units are in
 * the field names so an override cannot confuse hours with milliseconds.
 */
export interface AccountConfig {
  /** Largest single top-up, minor units. */
  readonly topUpSingleMax: number;
  /** Largest total of one UTC day's top-ups that did not fail, minor units. */
  readonly topUpDailyMax: number;
  /** Top-ups above this need a verified second factor when sent by an `operator`. */
  readonly topUpStepUpAbove: number;
  /** Refunds above this need two distinct approvers. */
  readonly refundTwoApproversAbove: number;
  /**
   * Approving a refund above this needs a verified second factor from the approver;
   * `null` (the default) turns the rule off, as in SPEC. Not in SPEC: a policy a bank may
   * want for large payouts. `0` asks for a code on every approval.
   */
  readonly refundApprovalStepUpAbove: number | null;
  /** A refund without a decision expires this long after it was requested. */
  readonly refundApprovalSlaHours: number;
  /** This many failed logins inside the window freeze the account. */
  readonly failedLoginThreshold: number;
  readonly failedLoginWindowMinutes: number;
  /** A cancelled account can be reactivated this long; then it is closed. */
  readonly retentionDays: number;
  /**
   * SPEC §3 dual control: a refund payout or final payout to a card that replaced another
   * less than this long ago waits until the window ends.
   */
  readonly cardChangePayoutHoldHours: number;
  /** Used by the engine, not the domain; kept here so one object holds every default. */
  readonly snapshotEvery: number;
  /**
   * Amount rules per currency, overriding the ones above for accounts in that currency:
   * minor units differ (5,000,000 is €50,000 but ¥5,000,000). Empty by default.
   */
  readonly currencyAmounts: Readonly<Record<string, Partial<AmountRules>>>;
}

/** The settings that are amounts in minor units, and so may differ per currency. */
export const AMOUNT_RULES = [
  'topUpSingleMax',
  'topUpDailyMax',
  'topUpStepUpAbove',
  'refundTwoApproversAbove',
  'refundApprovalStepUpAbove',
] as const;
export type AmountRule = (typeof AMOUNT_RULES)[number];
export type AmountRules = Pick<AccountConfig, AmountRule>;

export const DEFAULT_ACCOUNT_CONFIG: AccountConfig = Object.freeze({
  topUpSingleMax: 5_000_000,
  topUpDailyMax: 20_000_000,
  topUpStepUpAbove: 1_000_000,
  refundTwoApproversAbove: 500_000,
  refundApprovalStepUpAbove: null,
  refundApprovalSlaHours: 72,
  failedLoginThreshold: 5,
  failedLoginWindowMinutes: 15,
  retentionDays: 30,
  cardChangePayoutHoldHours: 24,
  snapshotEvery: 100,
  currencyAmounts: Object.freeze({}),
});

type NumericRule = Exclude<keyof AccountConfig, 'currencyAmounts'>;

/** Thresholds that may be switched off (`null`) or apply to every amount (`0`). */
const OPTIONAL_THRESHOLDS: readonly NumericRule[] = ['refundApprovalStepUpAbove'];

function isValid(field: NumericRule, value: unknown): boolean {
  if (OPTIONAL_THRESHOLDS.includes(field)) {
    return value === null || (Number.isSafeInteger(value) && (value as number) >= 0);
  }
  return Number.isSafeInteger(value) && (value as number) > 0;
}

/** A configuration value that makes no sense, found when the configuration is built. */
export class InvalidAccountConfig extends Error {
  /**
   * @param field the rule, e.g. `topUpSingleMax`
   * @param currency set when the bad value is that currency's override
   */
  constructor(
    readonly field: NumericRule | 'currencyAmounts',
    readonly currency?: string,
  ) {
    const where = currency === undefined ? field : `${field} for ${currency}`;
    super(
      field === 'currencyAmounts'
        ? `account config currencyAmounts: ${currency} is not a supported ISO-4217 currency`
        : OPTIONAL_THRESHOLDS.includes(field)
          ? `account config ${where} must be null (off) or a non-negative safe integer`
          : `account config ${where} must be a positive safe integer`,
    );
    this.name = 'InvalidAccountConfig';
  }
}

const KNOWN_CURRENCIES: ReadonlySet<string> = new Set(CURRENCIES);

function checkedCurrencyAmounts(
  amounts: AccountConfig['currencyAmounts'],
): AccountConfig['currencyAmounts'] {
  const checked: Record<string, Partial<AmountRules>> = {};
  for (const [currency, rules] of Object.entries(amounts ?? {})) {
    if (!KNOWN_CURRENCIES.has(currency))
      throw new InvalidAccountConfig('currencyAmounts', currency);
    const kept: Partial<Record<AmountRule, number | null>> = {};
    for (const field of AMOUNT_RULES) {
      if (!Object.hasOwn(rules, field) || rules[field] === undefined) continue;
      if (!isValid(field, rules[field])) throw new InvalidAccountConfig(field, currency);
      kept[field] = rules[field];
    }
    checked[currency] = Object.freeze(kept) as Partial<AmountRules>;
  }
  return Object.freeze(checked);
}

/**
 * The defaults with `overrides` applied. Throws {@link InvalidAccountConfig} at start-up
 * rather than letting a zero or fractional limit silently disable a rule.
 */
export function accountConfig(overrides: Partial<AccountConfig> = {}): AccountConfig {
  const config: AccountConfig = { ...DEFAULT_ACCOUNT_CONFIG, ...overrides };
  for (const field of Object.keys(DEFAULT_ACCOUNT_CONFIG) as (keyof AccountConfig)[]) {
    if (field === 'currencyAmounts') continue;
    if (!isValid(field, config[field])) throw new InvalidAccountConfig(field);
  }
  return Object.freeze({
    ...config,
    currencyAmounts: checkedCurrencyAmounts(config.currencyAmounts),
  });
}

/**
 * The rules that apply to an account in `currency`: the configured amounts with that
 * currency's overrides in place. The same object back when there are none.
 */
export function configForCurrency(config: AccountConfig, currency: string | null): AccountConfig {
  const overrides = currency === null ? undefined : config?.currencyAmounts?.[currency];
  if (overrides === undefined || Object.keys(overrides).length === 0) return config;
  return { ...config, ...overrides };
}
