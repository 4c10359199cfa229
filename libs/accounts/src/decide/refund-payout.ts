import { BankCardRequired } from '../errors/rule-errors';
import { DeadlineNotReached, PayoutHeld } from '../errors/state-errors';
import { refundStepper } from '../machines/refund.machine';
import { cardPayoutHoldUntil } from '../policies/payout-hold.policy';
import type { DomainEvent } from '../events/domain-event';
import type { PayoutCard } from '../events/refund-events';
import type { AccountState, RefundState } from '../state/account-state';
import { refundsAwaitingPayout } from '../state/queries';
import { emit, type Decision, type Handlers } from './decision';
import {
  requireNotFrozen,
  requireOpened,
  requireRefund,
  requireRefundStep,
  type OpenedAccount,
} from './require';

export function payoutCard(state: AccountState, purpose: 'refund' | 'final_payout'): PayoutCard {
  if (!state.bankCard) throw new BankCardRequired(purpose);
  return { cardLast4: state.bankCard.last4, cardFingerprint: state.bankCard.fingerprint };
}

function refundAmount(account: OpenedAccount, refund: RefundState) {
  return { refundId: refund.refundId, amount: refund.amount, currency: account.currency };
}

/**
 * SPEC §4: approved refunds wait while the account is frozen and start the moment it is
 * not. SPEC §3: they also wait while the card on file replaced another less than
 * `cardChangePayoutHoldHours` ago — recorded once per hold as RefundPayoutDeferred, whose
 * durable timer sends StartRefundPayout when the hold ends. Called after every final
 * approval, every lifted freeze reason, every card change and every such timer; `only`
 * narrows it to one refund (the timer's).
 */
export function startPendingPayouts(
  state: AccountState,
  decision: Decision,
  only?: string,
): DomainEvent[] {
  if (state.frozen || !state.currency) return [];
  const account = state as OpenedAccount;
  const holdUntil = cardPayoutHoldUntil(account, decision.config, decision.now);
  return refundsAwaitingPayout(account)
    .filter((refund) => only === undefined || refund.refundId === only)
    .flatMap((refund): DomainEvent[] => {
      if (holdUntil === null) {
        const data = { ...refundAmount(account, refund), ...payoutCard(account, 'refund') };
        return [emit('RefundPayoutStarted', data, decision)];
      }
      if (refund.payoutHold?.until === holdUntil) return [];
      const data = {
        ...refundAmount(account, refund),
        reason: 'card_changed_recently' as const,
        until: holdUntil,
        cardLast4: payoutCard(account, 'refund').cardLast4,
      };
      return [emit('RefundPayoutDeferred', data, decision)];
    });
}

/** SPEC §4 payout steps, reported by the payment system or retried by finance. */
export const refundPayoutHandlers: Handlers<
  'MarkRefundPaidOut' | 'MarkRefundPayoutFailed' | 'RetryRefundPayout' | 'StartRefundPayout'
> = {
  /**
   * The payout-hold timer (SPEC §3). Stale ones do nothing: the refund is no longer
   * approved, or the account is frozen (the unfreeze starts it). One that fires while the
   * hold still runs (the card changed again) is refused until then; a later card change
   * has already recorded a new hold and timer.
   */
  StartRefundPayout(state, command, decision) {
    const account = requireOpened(state, command);
    const refund = requireRefund(account, command.refundId);
    if (!refundStepper.can(refund.machine, { type: 'START_PAYOUT' }) || account.frozen) return [];
    const holdUntil = cardPayoutHoldUntil(account, decision.config, decision.now);
    if (holdUntil !== null && refund.payoutHold?.until === holdUntil) {
      throw new DeadlineNotReached('refund_payout_hold', holdUntil);
    }
    return startPendingPayouts(account, decision, refund.refundId);
  },

  // A payout already sent cannot be paused, so its outcome is accepted while frozen.
  MarkRefundPaidOut(state, command, decision) {
    const account = requireOpened(state, command);
    const refund = requireRefund(account, command.refundId);
    requireRefundStep(refund, { type: 'PAYOUT_SUCCEEDED' }, command);
    const data = {
      ...refundAmount(account, refund),
      payoutReference: command.payoutReference ?? null,
    };
    return [emit('RefundPaidOut', data, decision)];
  },

  MarkRefundPayoutFailed(state, command, decision) {
    const account = requireOpened(state, command);
    const refund = requireRefund(account, command.refundId);
    requireRefundStep(refund, { type: 'PAYOUT_FAILED' }, command);
    const data = { ...refundAmount(account, refund), reason: command.reason };
    return [emit('RefundPayoutFailed', data, decision)];
  },

  RetryRefundPayout(state, command, decision) {
    const account = requireOpened(state, command);
    const refund = requireRefund(account, command.refundId);
    requireRefundStep(refund, { type: 'RETRY_PAYOUT' }, command);
    requireNotFrozen(account);
    // SPEC §3: fail a payout, change the card, retry at once — the insider's path. A retry
    // is a person's act, so inside the hold it is refused (409) rather than deferred.
    const holdUntil = cardPayoutHoldUntil(account, decision.config, decision.now);
    if (holdUntil !== null) throw new PayoutHeld(holdUntil);
    const data = {
      ...refundAmount(account, refund),
      ...payoutCard(account, 'refund'),
      attempt: refund.payoutAttempts + 1,
      note: command.note ?? null,
    };
    return [emit('RefundPayoutRetried', data, decision)];
  },
};
