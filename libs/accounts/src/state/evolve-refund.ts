import type { RefundEventPayloads } from '../events/refund-events';
import type { EventStamp } from '../events/domain-event';
import { refundStepper, type RefundMachineEvent } from '../machines/refund.machine';
import { ownEntry } from '../shared/own-entry';
import type { MapEdit } from '../shared/map-edit';
import type { AccountState, Balance, RefundState } from './account-state';
import type { Evolvers } from './evolver';

type RefundChange = {
  refund?: Partial<RefundState>;
  balance?: (balance: Balance, amount: number) => Balance;
};

/** Moves one refund's machine; an event the machine refuses leaves the state untouched. */
function stepRefund(
  state: AccountState,
  edit: MapEdit,
  data: EventStamp & { refundId: string },
  event: RefundMachineEvent,
  change: (refund: RefundState) => RefundChange = () => ({}),
): AccountState {
  const refund = ownEntry(state.refunds, data.refundId);
  const machine = refund && refundStepper.next(refund.machine, event);
  if (!refund || !machine) return state;
  const { refund: patch, balance } = change(refund);
  const next: RefundState = {
    ...refund,
    ...patch,
    machine,
    status: machine.value,
    updatedAt: data.at,
  };
  return {
    ...state,
    refunds: edit.set(state.refunds, refund.refundId, next),
    balance: balance ? balance(state.balance, refund.amount) : state.balance,
  };
}

const release = (b: Balance, amount: number): Balance => ({
  ...b,
  held: b.held - amount,
  available: b.available + amount,
});

const decision = (data: EventStamp, reason: string | null): RefundChange => ({
  refund: { decidedBy: data.by, decisionReason: reason },
  balance: release,
});

export const refundEvolvers: Evolvers<keyof RefundEventPayloads> = {
  RefundRequested(state, data, edit) {
    if (ownEntry(state.refunds, data.refundId)) return state;
    const refund: RefundState = {
      refundId: data.refundId,
      amount: data.amount,
      reason: data.reason,
      note: data.note,
      status: 'requested',
      requestedBy: data.by,
      requestedAt: data.at,
      approvedBy: [],
      approvalDeadline: data.approvalDeadline,
      decidedBy: null,
      decisionReason: null,
      payoutAttempts: 0,
      payoutFailureReason: null,
      updatedAt: data.at,
      machine: refundStepper.start({ approvalsRequired: data.approvalsRequired }),
    };
    const { available, held } = state.balance;
    return {
      ...state,
      refunds: edit.set(state.refunds, data.refundId, refund),
      balance: { ...state.balance, available: available - data.amount, held: held + data.amount },
    };
  },
  RefundApproved: (state, data, edit) =>
    stepRefund(state, edit, data, { type: 'APPROVE' }, (r) => ({
      refund: { approvedBy: [...r.approvedBy, data.by] },
    })),
  RefundRejected: (state, data, edit) =>
    stepRefund(state, edit, data, { type: 'REJECT' }, () => decision(data, data.reason)),
  RefundCancelled: (state, data, edit) =>
    stepRefund(state, edit, data, { type: 'CANCEL' }, () => decision(data, data.reason)),
  RefundExpired: (state, data, edit) =>
    stepRefund(state, edit, data, { type: 'EXPIRE' }, () => decision(data, 'approval_sla_expired')),
  RefundPayoutStarted: (state, data, edit) =>
    stepRefund(state, edit, data, { type: 'START_PAYOUT' }, (r) => ({
      refund: { payoutAttempts: r.payoutAttempts + 1, payoutHold: null },
    })),
  RefundPayoutDeferred: (state, data, edit) =>
    stepRefund(state, edit, data, { type: 'DEFER_PAYOUT' }, () => ({
      refund: { payoutHold: { reason: data.reason, until: data.until } },
    })),
  RefundPayoutRetried: (state, data, edit) =>
    stepRefund(state, edit, data, { type: 'RETRY_PAYOUT' }, (r) => ({
      refund: { payoutAttempts: r.payoutAttempts + 1, payoutFailureReason: null },
    })),
  RefundPaidOut: (state, data, edit) =>
    stepRefund(state, edit, data, { type: 'PAYOUT_SUCCEEDED' }, () => ({
      balance: (b, amount) => ({ ...b, held: b.held - amount }),
    })),
  RefundPayoutFailed: (state, data, edit) =>
    stepRefund(state, edit, data, { type: 'PAYOUT_FAILED' }, () => ({
      refund: { payoutFailureReason: data.reason },
    })),
};
