import type { TopUpMethod } from '../commands/top-up-commands';
import type { Currency } from '../money/currency';

/** Amount-bearing events carry their currency so an audit row reads on its own. */
type TopUpAmount = { topUpId: string; amount: number; currency: Currency };

/** SPEC §2 facts. */
export type TopUpEventPayloads = {
  TopUpInitiated: TopUpAmount & {
    method: TopUpMethod;
    paymentReference: string;
    stepUpVerified: boolean;
  };
  TopUpSettled: TopUpAmount;
  TopUpFailed: TopUpAmount & { reason: string };
  /**
   * An account's own limits changed: old and new values (`null`: the configured default
   * applies), why, and (in the stamp) who. The defaults in force at the time are kept too,
   * so an auditor can tell whether the compliance role was needed.
   */
  TopUpLimitsSet: {
    previous: AccountTopUpLimits;
    limits: AccountTopUpLimits;
    defaults: { singleMax: number; dailyMax: number };
    reason: string;
  };
};

/** An account's own top-up limits; `null` where the configured default applies. */
export type AccountTopUpLimits = { singleMax: number | null; dailyMax: number | null };
