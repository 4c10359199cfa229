import type { Currency } from '../money/currency';
import type { PayoutCard } from './refund-events';

/** SPEC §6 facts. */
export type CancellationEventPayloads = {
  CancellationRequested: { reason: string };
  CancellationWithdrawn: { note: string | null };
  /**
   * The final bill: `proratedCredit` is added to `available`, and `amountDue` (the new
   * available balance) is what the final payout sends. Plan fields are null without a plan
   * or when no cycle is running.
   */
  FinalStatementIssued: {
    currency: Currency;
    availableBefore: number;
    proratedCredit: number;
    unusedDays: number;
    cycleDays: number | null;
    pricePerCycle: number | null;
    cycleIndex: number | null;
    cycleEndsOn: string | null;
    amountDue: number;
  };
  FinalPayoutIssued: { amount: number; currency: Currency } & PayoutCard;
  CancellationConfirmed: { retentionUntil: string; note: string | null };
  AccountReactivated: { note: string | null };
  /** The engine deletes the account's data key on this event (crypto-shredding). */
  AccountClosed: { retentionUntil: string; personalDataErased: true };
};
