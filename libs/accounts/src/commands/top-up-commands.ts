/** SPEC §2 payment methods. */
export const TOP_UP_METHODS = ['bank_transfer', 'third_party', 'card'] as const;
export type TopUpMethod = (typeof TOP_UP_METHODS)[number];

/** SPEC §2: initiate, then the payment system settles or fails it. */
export type TopUpCommandPayloads = {
  InitiateTopUp: { topUpId: string; amount: number; method: TopUpMethod; paymentReference: string };
  SettleTopUp: { topUpId: string };
  FailTopUp: { topUpId: string; reason: string };
  /**
   * One account's own limits (SPEC §2), in minor units; an omitted limit stays as it is.
   * Admin with a second factor; a limit above the configured default also needs compliance.
   */
  SetTopUpLimits: { singleMax?: number; dailyMax?: number; reason: string };
};
