import { ownEntry, withEntry } from '../shared/own-entry';
import type { TopUpEventPayloads } from '../events/top-up-events';
import type { AccountState, TopUpState } from './account-state';
import type { Evolvers } from './evolver';

function completePending(
  state: AccountState,
  topUpId: string,
  at: string,
  outcome: Pick<TopUpState, 'status' | 'failureReason'>,
): AccountState {
  const topUp = ownEntry(state.topUps, topUpId);
  if (topUp?.status !== 'pending') return state;
  const settled = outcome.status === 'settled' ? topUp.amount : 0;
  return {
    ...state,
    topUps: withEntry<TopUpState>(state.topUps, topUpId, { ...topUp, ...outcome, completedAt: at }),
    balance: {
      ...state.balance,
      pendingIn: state.balance.pendingIn - topUp.amount,
      available: state.balance.available + settled,
    },
  };
}

export const topUpEvolvers: Evolvers<keyof TopUpEventPayloads> = {
  TopUpInitiated(state, data) {
    if (ownEntry(state.topUps, data.topUpId)) return state;
    const topUp: TopUpState = {
      topUpId: data.topUpId,
      amount: data.amount,
      method: data.method,
      paymentReference: data.paymentReference,
      status: 'pending',
      initiatedAt: data.at,
      initiatedBy: data.by,
      completedAt: null,
      failureReason: null,
    };
    return {
      ...state,
      topUps: withEntry(state.topUps, data.topUpId, topUp),
      balance: { ...state.balance, pendingIn: state.balance.pendingIn + data.amount },
    };
  },
  TopUpSettled: (state, data) =>
    completePending(state, data.topUpId, data.at, { status: 'settled', failureReason: null }),
  TopUpFailed: (state, data) =>
    completePending(state, data.topUpId, data.at, { status: 'failed', failureReason: data.reason }),
};
