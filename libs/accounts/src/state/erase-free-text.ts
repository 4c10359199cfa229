import { ERASED_TEXT } from '../events/domain-event';
import type { AccountState, RefundState, TopUpState } from './account-state';

const erased = <T extends string | null>(text: T): T | typeof ERASED_TEXT =>
  text === null ? text : ERASED_TEXT;

function mapValues<V>(map: Record<string, V>, f: (value: V) => V): Record<string, V> {
  const out: Record<string, V> = {};
  for (const key of Object.keys(map)) out[key] = f(map[key] as V);
  return out;
}

const refundErased = (refund: RefundState): RefundState => ({
  ...refund,
  note: erased(refund.note),
  // An expiry's decision reason is a code evolve wrote (approval_sla_expired), no one's words.
  decisionReason:
    refund.status === 'rejected' || refund.status === 'cancelled'
      ? erased(refund.decisionReason)
      : refund.decisionReason,
  payoutFailureReason: erased(refund.payoutFailureReason),
});

const topUpErased = (topUp: TopUpState): TopUpState => ({
  ...topUp,
  failureReason: erased(topUp.failureReason),
});

/**
 * The state's free text (notes, free-text and decision reasons, the bank name as typed)
 * replaced by {@link ERASED_TEXT} when the account closes: the data key that seals them in
 * the events is deleted in the same transaction, so a replay after closure reads exactly
 * this, and a state built before closure (a process's cache) shows no more than a replay.
 * Codes, amounts, ids and dates stay.
 */
export function eraseFreeText(state: AccountState): Partial<AccountState> {
  return {
    bankCard: state.bankCard && {
      ...state.bankCard,
      holderName: null,
      bankName: ERASED_TEXT,
    },
    topUps: mapValues(state.topUps, topUpErased),
    refunds: mapValues(state.refunds, refundErased),
    freezeReasons: state.freezeReasons.map((r) => ({ ...r, note: erased(r.note) })),
    cancellation: state.cancellation && { ...state.cancellation, reason: ERASED_TEXT },
  };
}
