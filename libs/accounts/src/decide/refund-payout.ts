import { BankCardRequired } from '../errors/rule-errors';
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
 * not. Called after every final approval and every lifted freeze reason.
 */
export function startPendingPayouts(state: AccountState, decision: Decision): DomainEvent[] {
  if (state.frozen || !state.currency) return [];
  const account = state as OpenedAccount;
  return refundsAwaitingPayout(account).map((refund) =>
    emit(
      'RefundPayoutStarted',
      { ...refundAmount(account, refund), ...payoutCard(account, 'refund') },
      decision,
    ),
  );
}

/** SPEC §4 payout steps, reported by the payment system or retried by finance. */
export const refundPayoutHandlers: Handlers<
  'MarkRefundPaidOut' | 'MarkRefundPayoutFailed' | 'RetryRefundPayout'
> = {
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
    const data = {
      ...refundAmount(account, refund),
      ...payoutCard(account, 'refund'),
      attempt: refund.payoutAttempts + 1,
      note: command.note ?? null,
    };
    return [emit('RefundPayoutRetried', data, decision)];
  },
};
