import type { Rng } from '../harness/rng';
import type { Step, Steps } from '../crash/steps';

/**
 * How an account's script may end so that a durable deadline comes due later: a refund
 * left without a decision (its approval SLA expires it), a confirmed cancellation (the
 * retention window closes the account), or a cancellation reactivated in time (its
 * retention deadline is cancelled and must never fire). The checks do not trust these
 * intentions: they derive every deadline from the stored events (deadline-tracker.ts).
 */
export type DeadlineEnding =
  'refund-expires' | 'account-closes' | 'reactivated' | 'approved-in-time';

export const DEADLINE_ENDINGS: readonly DeadlineEnding[] = [
  'refund-expires',
  'account-closes',
  'reactivated',
  'approved-in-time',
];

/** `fundedFor(amount)` returns the steps that make `amount` available first (maybe none). */
export function deadlineEnding(
  ending: DeadlineEnding,
  s: Steps,
  rng: Rng,
  refundId: string,
  fundedFor: (amount: number) => Step[],
): Step[][] {
  const amount = rng.int(100, 50_000);
  switch (ending) {
    case 'refund-expires':
      return [[...fundedFor(amount), s.requestRefund(refundId, amount)]];
    case 'approved-in-time':
      return [[...fundedFor(amount), s.requestRefund(refundId, amount), s.approve(refundId)]];
    case 'account-closes':
      return [[s.requestCancellation(), s.confirmCancellation()]];
    case 'reactivated':
      return [[s.requestCancellation(), s.confirmCancellation(), s.reactivate()]];
  }
}
