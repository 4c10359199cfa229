import {
  AMOUNT_RULES,
  CURRENCIES,
  DEFAULT_ACCOUNT_CONFIG,
  accountConfig,
  type AccountConfig,
  type AmountRule,
  type AmountRules,
} from '@account-ops/accounts';
import type { SettingDefinition } from './setting-definition';
import type { EffectiveSetting, LoadedSettings, SettingSource } from './load-settings';
import {
  amountByCurrencyFromFile,
  amountByCurrencySchema,
  countSchema,
  parseAmountByCurrency,
  parseCount,
  showAmountByCurrency,
  type AmountByCurrency,
} from './setting-values';

type CountRule = Exclude<keyof AccountConfig, AmountRule | 'currencyAmounts'>;

/** Where each business rule lives in the file and the environment. */
const AMOUNT_SETTINGS: Record<AmountRule, { key: string; env: string; rule: string }> = {
  topUpSingleMax: {
    key: 'topUp.singleMax',
    env: 'ACCOUNT_OPS_TOP_UP_SINGLE_MAX',
    rule: 'largest single top-up, unless the account has its own limit (SPEC §2)',
  },
  topUpDailyMax: {
    key: 'topUp.dailyMax',
    env: 'ACCOUNT_OPS_TOP_UP_DAILY_MAX',
    rule: 'largest total of top-ups per UTC day that did not fail, unless the account has its own limit (SPEC §2)',
  },
  topUpStepUpAbove: {
    key: 'topUp.stepUpAbove',
    env: 'ACCOUNT_OPS_TOP_UP_STEP_UP_ABOVE',
    rule: "top-ups above this need an operator's second factor (SPEC §2)",
  },
  refundTwoApproversAbove: {
    key: 'refund.twoApproversAbove',
    env: 'ACCOUNT_OPS_REFUND_TWO_APPROVERS_ABOVE',
    rule: 'refunds above this need two distinct approvers (SPEC §4)',
  },
  refundApprovalStepUpAbove: {
    key: 'refund.approvalStepUpAbove',
    env: 'ACCOUNT_OPS_REFUND_APPROVAL_STEP_UP_ABOVE',
    rule: "approving a refund above this needs the approver's second factor; off by default (not in SPEC)",
  },
};

const COUNT_SETTINGS: Record<CountRule, { key: string; env: string; rule: string; unit: string }> =
  {
    refundApprovalSlaHours: {
      key: 'refund.approvalSlaHours',
      env: 'ACCOUNT_OPS_REFUND_APPROVAL_SLA_HOURS',
      rule: 'a refund without a decision expires this long after its request (SPEC §4)',
      unit: 'hours',
    },
    failedLoginThreshold: {
      key: 'failedLogins.threshold',
      env: 'ACCOUNT_OPS_FAILED_LOGIN_THRESHOLD',
      rule: 'this many failed logins within the window freeze the account (SPEC §5)',
      unit: 'failed logins',
    },
    failedLoginWindowMinutes: {
      key: 'failedLogins.windowMinutes',
      env: 'ACCOUNT_OPS_FAILED_LOGIN_WINDOW_MINUTES',
      rule: 'the window in which failed logins are counted (SPEC §5)',
      unit: 'minutes',
    },
    retentionDays: {
      key: 'cancellation.retentionDays',
      env: 'ACCOUNT_OPS_RETENTION_DAYS',
      rule: 'a cancelled account can be reactivated this long, then it is closed (SPEC §6)',
      unit: 'days',
    },
    cardChangePayoutHoldHours: {
      key: 'bankCard.payoutHoldHours',
      env: 'ACCOUNT_OPS_CARD_CHANGE_PAYOUT_HOLD_HOURS',
      rule: 'a payout to a card changed less than this long ago waits (SPEC §3)',
      unit: 'hours',
    },
    snapshotEvery: {
      key: 'snapshots.every',
      env: 'ACCOUNT_OPS_SNAPSHOT_EVERY',
      rule: 'an account snapshot is written every this many events (SPEC Engine)',
      unit: 'events',
    },
  };

const KNOWN: ReadonlySet<string> = new Set(CURRENCIES);

/** The file key of a rule of AccountConfig (to report the domain's refusals against it). */
export function settingKeyOf(field: string): string | undefined {
  return (
    (AMOUNT_SETTINGS as Record<string, { key: string }>)[field]?.key ??
    (COUNT_SETTINGS as Record<string, { key: string }>)[field]?.key
  );
}

const OPTIONAL: ReadonlySet<AmountRule> = new Set(['refundApprovalStepUpAbove']);

function amountSetting(field: AmountRule): SettingDefinition<AmountByCurrency> {
  const optional = OPTIONAL.has(field);
  const fallback = DEFAULT_ACCOUNT_CONFIG[field];
  return {
    ...AMOUNT_SETTINGS[field],
    unit: 'minor units of the account currency; per currency: N,JPY=M',
    default: { default: fallback },
    schema: amountByCurrencySchema(optional),
    parseEnv: (text) => parseAmountByCurrency(text, optional),
    fromFile: (value) => amountByCurrencyFromFile(value, fallback),
    check: (value) => {
      const unknown = Object.keys(value).find((c) => c !== 'default' && !KNOWN.has(c));
      if (unknown) throw new Error(`${unknown} is not a supported ISO-4217 currency`);
    },
    show: showAmountByCurrency,
  };
}

function countSetting(field: CountRule): SettingDefinition<number> {
  return {
    ...COUNT_SETTINGS[field],
    default: DEFAULT_ACCOUNT_CONFIG[field],
    schema: countSchema(),
    parseEnv: (text) => parseCount(text),
  };
}

/** SPEC's "Defaults (all configurable)" table and the thresholds added since. */
export const ACCOUNT_SETTINGS: readonly SettingDefinition[] = [
  ...AMOUNT_RULES.map(amountSetting),
  ...(Object.keys(COUNT_SETTINGS) as CountRule[]).map(countSetting),
] as SettingDefinition[];

/**
 * The engine's AccountConfig from loaded settings: each amount's value for every
 * currency, and the per-currency overrides collected into `currencyAmounts`. Checked by
 * `accountConfig`, so a value the domain would refuse stops the start here too.
 */
export function accountConfigFromSettings(settings: LoadedSettings): AccountConfig {
  const overrides: Record<string, unknown> = {};
  const currencyAmounts: Record<string, Partial<Record<AmountRule, number | null>>> = {};
  for (const field of AMOUNT_RULES) {
    const value = settings.value<AmountByCurrency>(AMOUNT_SETTINGS[field].key);
    overrides[field] = value.default;
    for (const [currency, amount] of Object.entries(value)) {
      if (currency === 'default') continue;
      (currencyAmounts[currency] ??= {})[field] = amount;
    }
  }
  for (const field of Object.keys(COUNT_SETTINGS) as CountRule[]) {
    overrides[field] = settings.value<number>(COUNT_SETTINGS[field].key);
  }
  return accountConfig({
    ...(overrides as Partial<AccountConfig>),
    currencyAmounts: currencyAmounts as Record<string, Partial<AmountRules>>,
  });
}

/**
 * The effective business rules as settings rows, from the AccountConfig the engine runs
 * with (the truth, however it was built). `sourceOf` says where each value came from when
 * the settings were loaded; an embedder's options show as `options`.
 */
export function describeAccountConfig(
  config: AccountConfig,
  sourceOf: (key: string) => SettingSource | 'options' = () => 'options',
): EffectiveSettingRow[] {
  return ACCOUNT_SETTINGS.map((definition) => {
    const field = fieldOf(definition.key);
    let value: unknown = config[field as keyof AccountConfig];
    if ((AMOUNT_RULES as readonly string[]).includes(field)) {
      const overrides = Object.entries(config.currencyAmounts ?? {}).flatMap(([currency, rules]) =>
        Object.hasOwn(rules, field) ? [[currency, rules[field as AmountRule]] as const] : [],
      );
      value = { default: value, ...Object.fromEntries(overrides) };
    }
    const show = (v: unknown) =>
      definition.show ? definition.show(v as never) : JSON.stringify(v);
    return {
      key: definition.key,
      env: definition.env,
      rule: definition.rule,
      unit: definition.unit,
      value,
      text: show(value),
      default: show(definition.default),
      source: sourceOf(definition.key),
    };
  });
}

/** An effective setting whose source may also be the embedder's options. */
export type EffectiveSettingRow = Omit<EffectiveSetting, 'source'> & {
  readonly source: SettingSource | 'options';
};

function fieldOf(key: string): string {
  const all = { ...AMOUNT_SETTINGS, ...COUNT_SETTINGS } as Record<string, { key: string }>;
  return Object.keys(all).find((field) => all[field]!.key === key) as string;
}
