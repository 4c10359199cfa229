import type { Actor } from '../actors/roles';
import type { AccountConfig } from '../config/account-config';
import { MakerCheckerViolation } from '../errors/rule-errors';
import type { RefundState } from '../state/account-state';

/** SPEC §4: refunds above the threshold need two distinct approvers. */
export function approvalsRequiredFor(amount: number, config: AccountConfig): number {
  return amount > config.refundTwoApproversAbove ? 2 : 1;
}

/** Maker-checker: the requester never approves, and nobody approves the same refund twice. */
export function checkMakerChecker(actor: Actor, refund: RefundState): void {
  if (actor.id === refund.requestedBy) {
    throw new MakerCheckerViolation(refund.refundId, 'approver_is_requester');
  }
  if (refund.approvedBy.includes(actor.id)) {
    throw new MakerCheckerViolation(refund.refundId, 'approver_already_approved');
  }
}
