import type { Account } from '../../api/types';
import { formatMoney } from '../../format/money';
import { words } from '../../format/labels';

/**
 * "This version vs now": what differs between the account as it was and as it is, in
 * words — status, freeze reasons, each balance, each refund's status, refunds and top-ups
 * added since. Empty when nothing that is shown differs.
 */
export function stateDiff(past: Account, now: Account): string[] {
  const money = (minor: number) => formatMoney(minor, now.currency);
  const changes: string[] = [];
  if (past.status !== now.status)
    changes.push(`status ${words(past.status)} → ${words(now.status)}`);
  const reasons = (a: Account) => a.freezeReasons.join(', ') || 'not frozen';
  if (reasons(past) !== reasons(now))
    changes.push(`frozen: ${words(reasons(past))} → ${words(reasons(now))}`);
  for (const key of ['available', 'held', 'pendingIn'] as const) {
    if (past.balance[key] !== now.balance[key]) {
      const label = key === 'pendingIn' ? 'pending in' : key;
      changes.push(`${label} ${money(past.balance[key])} → ${money(now.balance[key])}`);
    }
  }
  for (const refund of now.refunds) {
    const before = past.refunds.find((r) => r.refundId === refund.refundId);
    if (!before) changes.push(`refund ${refund.refundId} added (now ${words(refund.status)})`);
    else if (before.status !== refund.status)
      changes.push(`refund ${refund.refundId} ${words(before.status)} → ${words(refund.status)}`);
  }
  const added = now.topUps.filter((t) => !past.topUps.some((p) => p.topUpId === t.topUpId));
  for (const t of added) changes.push(`top-up ${t.topUpId} added (now ${words(t.status)})`);
  return changes;
}
