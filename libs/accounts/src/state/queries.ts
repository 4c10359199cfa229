import type { FreezeReason } from '../commands/freeze-commands';
import {
  AWAITING_APPROVAL_STATUSES,
  OPEN_REFUND_STATUSES,
  PAYOUT_IN_FLIGHT_STATUSES,
} from '../machines/refund.machine';
import type { AccountState, RefundState, TopUpState } from './account-state';

/** Refunds whose amount is held: not yet paid, rejected, cancelled or expired. */
export function openRefunds(state: AccountState): RefundState[] {
  return Object.values(state.refunds).filter((r) => OPEN_REFUND_STATUSES.has(r.status));
}

export function refundsAwaitingPayout(state: AccountState): RefundState[] {
  return Object.values(state.refunds).filter((r) => r.status === 'approved');
}

export function payoutsInFlight(state: AccountState): RefundState[] {
  return Object.values(state.refunds).filter((r) => PAYOUT_IN_FLIGHT_STATUSES.has(r.status));
}

export function isAwaitingApproval(refund: RefundState): boolean {
  return AWAITING_APPROVAL_STATUSES.has(refund.status);
}

export function pendingTopUps(state: AccountState): TopUpState[] {
  return Object.values(state.topUps).filter((t) => t.status === 'pending');
}

export function activeFreezeReasons(state: AccountState): FreezeReason[] {
  return state.freezeReasons.map((r) => r.reason);
}
