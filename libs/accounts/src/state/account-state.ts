import type { CardBrand } from '../cards/pan';
import type { PlanTerms } from '../commands/account-commands';
import type { FreezeReason } from '../commands/freeze-commands';
import type { RefundReason } from '../commands/refund-commands';
import type { TopUpMethod } from '../commands/top-up-commands';
import { freezeStepper, type FreezeMachineState } from '../machines/freeze.machine';
import {
  lifecycleStepper,
  type AccountStatus,
  type LifecycleMachineState,
} from '../machines/lifecycle.machine';
import type { RefundMachineState, RefundStatus } from '../machines/refund.machine';
import type { PayoutHoldReason } from '../events/refund-events';
import type { Currency } from '../money/currency';
import type { BucketMap } from '../shared/bucket-map';

/** SPEC balances, minor units. `available` never goes negative. */
export type Balance = { available: number; held: number; pendingIn: number };

/** A plan plus the cycle already credited, so cancel–reactivate–cancel cannot credit twice. */
export type PlanState = PlanTerms & { creditedCycleIndex: number | null };

/** `holderName` becomes null when the account is closed and its personal data erased. */
export type BankCardState = {
  last4: string;
  brand: CardBrand;
  fingerprint: string;
  holderName: string | null;
  bankName: string;
  changedAt: string;
  /**
   * The change replaced a different card (not the first card, not the same card again):
   * payouts to it wait (SPEC §3). Absent in snapshots taken before the rule existed.
   */
  replaced?: boolean;
};

export type TopUpStatus = 'pending' | 'settled' | 'failed';

export type TopUpState = {
  topUpId: string;
  amount: number;
  method: TopUpMethod;
  paymentReference: string;
  status: TopUpStatus;
  initiatedAt: string;
  initiatedBy: string;
  completedAt: string | null;
  failureReason: string | null;
};

/**
 * What the account keeps of its top-ups besides the full records in `topUps` (pending
 * ones and the {@link RECENT_COMPLETED_TOP_UPS} most recently completed): only what a
 * later command can still ask (docs/domain.md, "What the state keeps of top-ups").
 */
export type TopUpLedger = {
  /** Every payment reference ever used on the account → the top-up that used it first. */
  references: BucketMap<string>;
  /** Completed top-ups no longer in `topUps` → how each ended (a second outcome is a 409). */
  closed: BucketMap<'settled' | 'failed'>;
  /** Initiated amounts that did not fail, by UTC day of initiation (`YYYY-MM-DD`). */
  days: Record<string, number>;
  /** The completed top-ups still in `topUps`, oldest completion first. */
  recent: string[];
  /** How many top-ups `closed` holds. */
  archived: number;
};

/**
 * Completed top-ups kept in full in `topUps` (for the account view and write responses);
 * older ones leave it for {@link TopUpLedger}, so the state stays bounded however many
 * top-ups the account has had, except for two short strings per top-up.
 */
export const RECENT_COMPLETED_TOP_UPS = 100;

export type RefundState = {
  refundId: string;
  amount: number;
  reason: RefundReason;
  note: string | null;
  /** Mirrors `machine.value`; evolve writes both from the same transition. */
  status: RefundStatus;
  requestedBy: string;
  requestedAt: string;
  approvedBy: string[];
  approvalDeadline: string;
  /** Who rejected, cancelled or expired it, and why. */
  decidedBy: string | null;
  decisionReason: string | null;
  payoutAttempts: number;
  payoutFailureReason: string | null;
  /**
   * Why an approved refund's payout waits and until when (SPEC §3: recent card change);
   * cleared when the payout starts. Absent in snapshots taken before the rule existed.
   */
  payoutHold?: { reason: PayoutHoldReason; until: string } | null;
  updatedAt: string;
  machine: RefundMachineState;
};

export type FreezeReasonState = {
  reason: FreezeReason;
  since: string;
  by: string;
  note: string | null;
};

/**
 * Everything `decide` needs about one account, folded from its events by `evolve`.
 * JSON-safe, so the engine can snapshot it with `JSON.stringify`; it holds no stream
 * version (the engine tracks that).
 */
export type AccountState = {
  accountId: string | null;
  /** Mirrors `machines.lifecycle.value`. */
  status: AccountStatus;
  openedAt: string | null;
  /** Null before opening and after closing (personal data erased). */
  owner: { name: string; email: string } | null;
  currency: Currency | null;
  plan: PlanState | null;
  balance: Balance;
  bankCard: BankCardState | null;
  /** True while at least one freeze reason is active; mirrors `machines.freeze`. */
  frozen: boolean;
  freezeReasons: FreezeReasonState[];
  /** Instants of recent failed logins, oldest first, pruned to the window on each failure. */
  failedLogins: string[];
  /** Pending top-ups and the most recently completed ones (see {@link TopUpLedger}). */
  topUps: Record<string, TopUpState>;
  topUpLedger: TopUpLedger;
  refunds: Record<string, RefundState>;
  cancellation: { requestedAt: string; requestedBy: string; reason: string } | null;
  retentionUntil: string | null;
  closedAt: string | null;
  machines: { lifecycle: LifecycleMachineState; freeze: FreezeMachineState };
};

/** The state of a stream without events: an account that does not exist yet. */
export const initialState: AccountState = Object.freeze({
  accountId: null,
  status: 'unopened',
  openedAt: null,
  owner: null,
  currency: null,
  plan: null,
  balance: { available: 0, held: 0, pendingIn: 0 },
  bankCard: null,
  frozen: false,
  freezeReasons: [],
  failedLogins: [],
  topUps: {},
  topUpLedger: { references: {}, closed: {}, days: {}, recent: [], archived: 0 },
  refunds: {},
  cancellation: null,
  retentionUntil: null,
  closedAt: null,
  machines: {
    lifecycle: lifecycleStepper.start(undefined),
    freeze: freezeStepper.start(undefined),
  },
});
