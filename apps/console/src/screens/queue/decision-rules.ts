import type { Account, Refund } from '../../api/types';
import { FREEZE_REASONS, AWAITING_APPROVAL, words } from '../../format/labels';
import { formatMoney } from '../../format/money';
import { formatDuration, formatInstant } from '../../format/time';

export interface DecisionWarning {
  readonly tone: 'danger' | 'warn' | 'info';
  /** Stable name for tests and styling: `frozen`, `amount`, `two-approvers`, `card-change`. */
  readonly kind: string;
  readonly text: string;
}

/** A bank card changed within this long before the decision is worth a second look. */
export const RECENT_CARD_CHANGE_MS = 7 * 86_400_000;

/**
 * What an approver should know before deciding, most serious first: every freeze with
 * its reason and note, the amount against what the account has left, the two-approver
 * rule, and a recent change of the card the refund would be paid to.
 */
export function decisionWarnings(
  account: Account,
  refund: Refund,
  approvalsRequired: number | undefined,
  nowMs: number,
): DecisionWarning[] {
  const money = (minor: number) => formatMoney(minor, account.currency);
  const warnings: DecisionWarning[] = account.freezes.map((f) => ({
    tone: 'danger',
    kind: 'frozen',
    text:
      `Account frozen: ${FREEZE_REASONS[f.reason] ?? words(f.reason)} since ${formatInstant(f.since)} by ${f.by}` +
      (f.note ? ` — “${f.note}”` : ''),
  }));
  const { available, held } = account.balance;
  warnings.push({
    tone: refund.amount > available ? 'warn' : 'info',
    kind: 'amount',
    text:
      `Amount ${money(refund.amount)} against ${money(available)} available (${money(held)} held, this refund included)` +
      (refund.amount > available ? ': more than the account has left.' : '.'),
  });
  if (approvalsRequired !== undefined && approvalsRequired > 1) {
    const done = refund.approvedBy.length;
    const last = done + 1 >= approvalsRequired;
    warnings.push({
      tone: 'warn',
      kind: 'two-approvers',
      text:
        `Needs ${approvalsRequired} approvers` +
        (done > 0 ? ` (approved so far by ${refund.approvedBy.join(', ')})` : '') +
        (last
          ? ': yours is the final approval; the payout starts.'
          : `: yours is approval ${done + 1}; it then waits for another approver.`),
    });
  }
  const changed = account.bankCard ? Date.parse(account.bankCard.changedAt) : NaN;
  if (account.bankCard && nowMs - changed < RECENT_CARD_CHANGE_MS) {
    warnings.push({
      tone: 'warn',
      kind: 'card-change',
      text: `Bank card changed ${formatDuration((nowMs - changed) / 1000)} ago (${account.bankCard.brand} ··${account.bankCard.last4}): the refund is paid to this card.`,
    });
  }
  return warnings;
}

/**
 * Why the server would refuse `actor`'s approval, in words — then the console offers no
 * Approve button — or null when it may be sent.
 */
export function approvalBlocker(
  refund: Refund,
  actor: string,
  codeNeeded: boolean,
  secondFactor: boolean,
): string | null {
  if (!AWAITING_APPROVAL.includes(refund.status))
    return `This refund is ${words(refund.status)}: there is nothing to approve.`;
  if (refund.requestedBy === actor)
    return 'You requested this refund: someone else must approve it (maker-checker).';
  if (refund.approvedBy.includes(actor))
    return 'You approved this refund already: it waits for another approver.';
  if (codeNeeded && !secondFactor)
    return 'Approving this amount needs a one-time code, and no authenticator is set up for you.';
  return null;
}

/** What changed in a refund between two readings, in words (after a 409). */
export function refundChanges(before: Refund, after: Refund): string[] {
  const changes: string[] = [];
  if (before.status !== after.status) {
    changes.push(
      `its status went from ${words(before.status)} to ${words(after.status)}` +
        (after.decidedBy
          ? ` (by ${after.decidedBy}${after.decisionReason ? `: ${after.decisionReason}` : ''})`
          : ''),
    );
  }
  const added = after.approvedBy.filter((a) => !before.approvedBy.includes(a));
  if (added.length > 0) changes.push(`approved meanwhile by ${added.join(', ')}`);
  if (changes.length === 0 && before.updatedAt !== after.updatedAt) changes.push('it was updated');
  return changes;
}
