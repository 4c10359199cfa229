import type { CancellationBlocker } from '../errors/state-errors';
import type { AccountState } from '../state/account-state';
import { activeFreezeReasons, openRefunds, pendingTopUps } from '../state/queries';

/**
 * SPEC §6: what stands in the way of cancelling, all of it, so that one refusal tells
 * the admin everything to clear.
 */
export function cancellationBlockers(state: AccountState): CancellationBlocker[] {
  const blockers: CancellationBlocker[] = [];
  if (state.frozen) blockers.push({ kind: 'frozen', reasons: activeFreezeReasons(state) });
  const refunds = openRefunds(state).map((r) => r.refundId);
  if (refunds.length > 0) blockers.push({ kind: 'open_refunds', refundIds: refunds });
  const topUps = pendingTopUps(state).map((t) => t.topUpId);
  if (topUps.length > 0) blockers.push({ kind: 'pending_top_ups', topUpIds: topUps });
  return blockers;
}
