import type { EventIndex } from './event-index';

// Refund states that still hold their amount (SPEC §4: the hold goes when paid or released).
const HOLDING = new Set([
  'requested',
  'partially_approved',
  'approved',
  'payout_pending',
  'payout_failed',
]);

/**
 * The money rules on every account, from a replay of its events: no negative balance,
 * `held` is exactly the open refunds, `pendingIn` exactly the pending top-ups.
 */
export function checkInvariants(index: EventIndex, problems: string[]): void {
  for (const [accountId, { state }] of index.accounts) {
    const { available, held, pendingIn } = state.balance;
    if (available < 0 || held < 0 || pendingIn < 0) {
      problems.push(`${accountId}: negative balance ${JSON.stringify(state.balance)}`);
    }
    const open = Object.values(state.refunds)
      .filter((refund) => HOLDING.has(refund.status))
      .reduce((sum, refund) => sum + refund.amount, 0);
    if (open !== held) problems.push(`${accountId}: held ${held} but open refunds ${open}`);
    const pending = Object.values(state.topUps)
      .filter((topUp) => topUp.status === 'pending')
      .reduce((sum, topUp) => sum + topUp.amount, 0);
    if (pending !== pendingIn) {
      problems.push(`${accountId}: pendingIn ${pendingIn} but pending top-ups ${pending}`);
    }
  }
}
