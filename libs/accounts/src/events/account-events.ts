import type { CardBrand } from '../cards/pan';
import type { PlanTerms } from '../commands/account-commands';
import type { Currency } from '../money/currency';

/** Facts about the account itself (SPEC §1, §3). */
export type AccountEventPayloads = {
  AccountOpened: {
    accountId: string;
    ownerName: string;
    ownerEmail: string;
    currency: Currency;
    plan: PlanTerms | null;
  };
  /** The PAN is gone by now: last4, brand and a keyed fingerprint are all that is kept. */
  BankCardChanged: {
    last4: string;
    brand: CardBrand;
    fingerprint: string;
    holderName: string;
    bankName: string;
    previousFingerprint: string | null;
    stepUpVerified: boolean;
  };
};
