import type { RefundCommandPayloads } from '../commands/refund-commands';
import { RefundAlreadyExists, ValidationFailed } from '../errors/request-errors';
import { InsufficientFunds } from '../errors/rule-errors';
import { DeadlineNotReached } from '../errors/state-errors';
import { approvalsRequiredFor, checkMakerChecker } from '../policies/approval.policy';
import { authorizeRefundCancellation } from '../policies/roles.policy';
import { authorizeApprovalStepUp } from '../policies/step-up.policy';
import { ownEntry } from '../shared/own-entry';
import { isAwaitingApproval } from '../state/queries';
import { addHours } from '../time/instant';
import { emit, inSequence, type Handlers } from './decision';
import { payoutCard, startPendingPayouts } from './refund-payout';
import {
  requireNotFrozen,
  requireOpened,
  requireRefund,
  requireRefundStep,
  requireStatusAdmits,
} from './require';

type ApprovalCommands = Exclude<
  keyof RefundCommandPayloads,
  'MarkRefundPaidOut' | 'MarkRefundPayoutFailed' | 'RetryRefundPayout' | 'StartRefundPayout'
>;

/** SPEC §4 from request to decision; every release of a hold is an event with who and why. */
export const refundApprovalHandlers: Handlers<ApprovalCommands> = {
  RequestRefund(state, command, decision) {
    if (command.reason === 'other' && !command.note) {
      throw new ValidationFailed('note', 'is required when reason is other');
    }
    const account = requireOpened(state, command);
    requireStatusAdmits(account, 'accepts_new_business', command);
    requireNotFrozen(account);
    if (ownEntry(account.refunds, command.refundId))
      throw new RefundAlreadyExists(command.refundId);
    // Refunds are only ever paid to the card on file: without one it could never be paid out.
    payoutCard(account, 'refund');
    if (command.amount > account.balance.available) {
      throw new InsufficientFunds(account.balance.available, command.amount);
    }
    const data = {
      refundId: command.refundId,
      amount: command.amount,
      currency: account.currency,
      reason: command.reason,
      note: command.note ?? null,
      approvalsRequired: approvalsRequiredFor(command.amount, decision.config),
      approvalDeadline: addHours(decision.now, decision.config.refundApprovalSlaHours),
    };
    return [emit('RefundRequested', data, decision)];
  },

  ApproveRefund(state, command, decision) {
    const account = requireOpened(state, command);
    const refund = requireRefund(account, command.refundId);
    requireRefundStep(refund, { type: 'APPROVE' }, command);
    checkMakerChecker(command.actor, refund);
    // After maker-checker: no code is asked for an approval that could never be allowed.
    authorizeApprovalStepUp(command.actor, refund.amount, decision.config, decision.stepUpVerified);
    const { approvalsRequired } = refund.machine.context;
    const approval = refund.approvedBy.length + 1;
    const data = {
      refundId: refund.refundId,
      approval,
      approvalsRequired,
      final: approval >= approvalsRequired,
      note: command.note ?? null,
      stepUpVerified: decision.stepUpVerified,
    };
    return inSequence(
      account,
      () => [emit('RefundApproved', data, decision)],
      (next) => startPendingPayouts(next, decision),
    );
  },

  RejectRefund(state, command, decision) {
    const account = requireOpened(state, command);
    const refund = requireRefund(account, command.refundId);
    requireRefundStep(refund, { type: 'REJECT' }, command);
    const { refundId, amount } = refund;
    const data = { refundId, amount, currency: account.currency, reason: command.reason };
    return [emit('RefundRejected', data, decision)];
  },

  CancelRefund(state, command, decision) {
    const account = requireOpened(state, command);
    const refund = requireRefund(account, command.refundId);
    requireRefundStep(refund, { type: 'CANCEL' }, command);
    const awaitingApproval = isAwaitingApproval(refund);
    authorizeRefundCancellation(command.actor, refund, awaitingApproval);
    const data = {
      refundId: refund.refundId,
      amount: refund.amount,
      currency: account.currency,
      reason: command.reason ?? null,
      stage: awaitingApproval ? ('before_approval' as const) : ('after_payout_failure' as const),
    };
    return [emit('RefundCancelled', data, decision)];
  },

  // A deadline that fires after the refund was decided is stale: it does nothing.
  ExpireRefund(state, command, decision) {
    const account = requireOpened(state, command);
    const refund = requireRefund(account, command.refundId);
    if (!isAwaitingApproval(refund)) return [];
    if (decision.now < refund.approvalDeadline) {
      throw new DeadlineNotReached('refund_approval_sla', refund.approvalDeadline);
    }
    const { refundId, amount, approvalDeadline } = refund;
    const data = { refundId, amount, currency: account.currency, approvalDeadline };
    return [emit('RefundExpired', data, decision)];
  },
};
