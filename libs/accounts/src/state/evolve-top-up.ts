import { bucketGet, bucketSet } from '../shared/bucket-map';
import { ownEntry } from '../shared/own-entry';
import type { MapEdit } from '../shared/map-edit';
import type { TopUpEventPayloads } from '../events/top-up-events';
import {
  RECENT_COMPLETED_TOP_UPS,
  type AccountState,
  type TopUpLedger,
  type TopUpState,
} from './account-state';
import type { Evolvers } from './evolver';

/** The UTC day of an instant, as the daily limit counts it (SPEC §2: "UTC day"). */
export const utcDayOf = (instant: string): string => instant.slice(0, 10);

function completePending(
  state: AccountState,
  topUpId: string,
  at: string,
  outcome: Pick<TopUpState, 'status' | 'failureReason'>,
  edit: MapEdit,
): AccountState {
  const topUp = ownEntry(state.topUps, topUpId);
  if (topUp?.status !== 'pending') return state;
  const settled = outcome.status === 'settled' ? topUp.amount : 0;
  let topUps = edit.set<TopUpState>(state.topUps, topUpId, {
    ...topUp,
    ...outcome,
    completedAt: at,
  });
  let ledger: TopUpLedger = {
    ...state.topUpLedger,
    recent: edit.push(state.topUpLedger.recent, topUpId),
  };
  if (outcome.status === 'failed') {
    // A failed top-up no longer counts against its day's limit.
    const day = utcDayOf(topUp.initiatedAt);
    ledger.days = edit.set(ledger.days, day, (ownEntry(ledger.days, day) ?? 0) - topUp.amount);
  }
  if (ledger.recent.length > RECENT_COMPLETED_TOP_UPS) {
    const oldest = ledger.recent[0]!;
    const ended = ownEntry(topUps, oldest)!.status as 'settled' | 'failed';
    topUps = edit.remove(topUps, oldest);
    ledger = {
      ...ledger,
      recent: edit.shift(ledger.recent),
      closed: bucketSet(ledger.closed, oldest, ended, edit),
      archived: ledger.archived + 1,
    };
  }
  return {
    ...state,
    topUps,
    topUpLedger: ledger,
    balance: {
      ...state.balance,
      pendingIn: state.balance.pendingIn - topUp.amount,
      available: state.balance.available + settled,
    },
  };
}

/** Whether the account has ever had a top-up with this id (kept in full or not). */
export function knowsTopUp(state: AccountState, topUpId: string): boolean {
  return (
    ownEntry(state.topUps, topUpId) !== undefined ||
    bucketGet(state.topUpLedger.closed, topUpId) !== undefined
  );
}

export const topUpEvolvers: Evolvers<keyof TopUpEventPayloads> = {
  TopUpLimitsSet(state, data) {
    return { ...state, topUpLimits: { ...data.limits } };
  },
  TopUpInitiated(state, data, edit) {
    if (knowsTopUp(state, data.topUpId)) return state;
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
    const ledger = state.topUpLedger;
    const day = utcDayOf(data.at);
    return {
      ...state,
      topUps: edit.set(state.topUps, data.topUpId, topUp),
      topUpLedger: {
        ...ledger,
        // The first top-up with a reference keeps it, as a scan in initiation order found it.
        references:
          bucketGet(ledger.references, data.paymentReference) === undefined
            ? bucketSet(ledger.references, data.paymentReference, data.topUpId, edit)
            : ledger.references,
        days: edit.set(ledger.days, day, (ownEntry(ledger.days, day) ?? 0) + data.amount),
      },
      balance: { ...state.balance, pendingIn: state.balance.pendingIn + data.amount },
    };
  },
  TopUpSettled: (state, data, edit) =>
    completePending(state, data.topUpId, data.at, { status: 'settled', failureReason: null }, edit),
  TopUpFailed: (state, data, edit) =>
    completePending(
      state,
      data.topUpId,
      data.at,
      { status: 'failed', failureReason: data.reason },
      edit,
    ),
};
