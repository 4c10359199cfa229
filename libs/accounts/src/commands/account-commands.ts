import type { Currency } from '../money/currency';

/**
 * A subscription plan, for the prorated credit on cancellation. Cycles of `cycleDays`
 * repeat from `cycleStart` (a `YYYY-MM-DD` UTC date).
 */
export type PlanTerms = {
  pricePerCycle: number;
  cycleDays: number;
  cycleStart: string;
};

/** SPEC §1 and §3: opening the account and changing its bank card. */
export type AccountCommandPayloads = {
  OpenAccount: { ownerName: string; ownerEmail: string; currency: Currency; plan?: PlanTerms };
  /** `cardNumber` is the full PAN; it never leaves `decide`. */
  ChangeBankCard: { cardNumber: string; holderName: string; bankName: string };
  /** Read-only: `decide` authorises it and returns no events; the engine builds the export. */
  ExportAccountData: Record<never, never>;
};
