import type { AccountEventPayloads } from '../events/account-events';
import type { CancellationEventPayloads } from '../events/cancellation-events';
import { lifecycleStepper, type LifecycleMachineEvent } from '../machines/lifecycle.machine';
import type { AccountState } from './account-state';
import { eraseFreeText } from './erase-free-text';
import type { Evolvers } from './evolver';

/** Moves the lifecycle machine, then applies `patch`; a refused event changes nothing. */
function stepLifecycle(
  state: AccountState,
  event: LifecycleMachineEvent,
  patch: Partial<AccountState> = {},
): AccountState {
  const lifecycle = lifecycleStepper.next(state.machines.lifecycle, event);
  if (!lifecycle) return state;
  return {
    ...state,
    ...patch,
    status: lifecycle.value,
    machines: { ...state.machines, lifecycle },
  };
}

export const accountEvolvers: Evolvers<
  keyof AccountEventPayloads | keyof CancellationEventPayloads
> = {
  AccountOpened: (state, data) =>
    stepLifecycle(
      state,
      { type: 'OPEN' },
      {
        accountId: data.accountId,
        openedAt: data.at,
        owner: { name: data.ownerName, email: data.ownerEmail },
        currency: data.currency,
        plan: data.plan && { ...data.plan, creditedCycleIndex: null },
      },
    ),
  BankCardChanged: (state, data) => ({
    ...state,
    bankCard: {
      last4: data.last4,
      brand: data.brand,
      fingerprint: data.fingerprint,
      holderName: data.holderName,
      bankName: data.bankName,
      changedAt: data.at,
      replaced: data.previousFingerprint !== null && data.previousFingerprint !== data.fingerprint,
    },
  }),
  CancellationRequested: (state, data) =>
    stepLifecycle(
      state,
      { type: 'REQUEST_CANCELLATION' },
      {
        cancellation: { requestedAt: data.at, requestedBy: data.by, reason: data.reason },
      },
    ),
  CancellationWithdrawn: (state) =>
    stepLifecycle(state, { type: 'WITHDRAW_CANCELLATION' }, { cancellation: null }),
  FinalStatementIssued: (state, data) => ({
    ...state,
    balance: { ...state.balance, available: state.balance.available + data.proratedCredit },
    plan: state.plan && {
      ...state.plan,
      creditedCycleIndex: data.cycleIndex ?? state.plan.creditedCycleIndex,
    },
  }),
  FinalPayoutIssued: (state, data) => ({
    ...state,
    balance: { ...state.balance, available: state.balance.available - data.amount },
  }),
  CancellationConfirmed: (state, data) =>
    stepLifecycle(state, { type: 'CONFIRM_CANCELLATION' }, { retentionUntil: data.retentionUntil }),
  AccountReactivated: (state) =>
    stepLifecycle(state, { type: 'REACTIVATE' }, { retentionUntil: null, cancellation: null }),
  AccountClosed: (state, data) =>
    stepLifecycle(
      state,
      { type: 'CLOSE' },
      {
        closedAt: data.at,
        owner: null,
        ...eraseFreeText(state),
      },
    ),
};
