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
};
