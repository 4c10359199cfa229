import type { Actor } from '../actors/roles';
import type { Command } from '../commands/command';
import type { DomainEvent } from '../events/domain-event';

/** The durable timers the domain asks for (SPEC Engine: deadlines derive from events). */
export type DeadlineKind = 'refund_approval_sla' | 'retention_expiry' | 'refund_payout_hold';

/**
 * What the engine should do with its timer store after appending an event. `key` is
 * unique within the account: the engine stores (accountId, kind, key), and a `schedule`
 * for an existing (accountId, kind, key) replaces it.
 */
export type DeadlineEffect =
  | { action: 'schedule'; kind: DeadlineKind; key: string; dueAt: string }
  | { action: 'cancel'; kind: DeadlineKind; key: string };

/** The retention deadline is one per account. */
export const RETENTION_KEY = 'retention';

const refundSla = (refundId: string) => ({ kind: 'refund_approval_sla' as const, key: refundId });
const retention = { kind: 'retention_expiry' as const, key: RETENTION_KEY };
const payoutHold = (refundId: string) => ({
  kind: 'refund_payout_hold' as const,
  key: refundId,
});

/** Pure: the timer changes an event implies. Most events imply none. */
export function deadlinesFor(event: DomainEvent): DeadlineEffect[] {
  switch (event.type) {
    case 'RefundRequested':
      return [
        {
          action: 'schedule',
          ...refundSla(event.data.refundId),
          dueAt: event.data.approvalDeadline,
        },
      ];
    case 'RefundApproved':
      return event.data.final ? [{ action: 'cancel', ...refundSla(event.data.refundId) }] : [];
    case 'RefundCancelled':
      return event.data.stage === 'before_approval'
        ? [{ action: 'cancel', ...refundSla(event.data.refundId) }]
        : [];
    // A later hold (the card changed again) replaces the earlier timer of the same refund.
    case 'RefundPayoutDeferred':
      return [{ action: 'schedule', ...payoutHold(event.data.refundId), dueAt: event.data.until }];
    case 'RefundPayoutStarted':
      return [{ action: 'cancel', ...payoutHold(event.data.refundId) }];
    case 'RefundRejected':
    case 'RefundExpired':
      return [{ action: 'cancel', ...refundSla(event.data.refundId) }];
    case 'CancellationConfirmed':
      return [{ action: 'schedule', ...retention, dueAt: event.data.retentionUntil }];
    case 'AccountReactivated':
    case 'AccountClosed':
      return [{ action: 'cancel', ...retention }];
    default:
      return [];
  }
}

/**
 * The command the engine sends, as `actor` (the `scheduler`), when a deadline fires.
 * Stale ones are harmless: `decide` returns no events for a refund already decided or an
 * account no longer cancelled, and refuses with DEADLINE_NOT_REACHED one that is early.
 */
export function commandForDeadline(
  accountId: string,
  deadline: { kind: DeadlineKind; key: string },
  actor: Actor,
): Command {
  switch (deadline.kind) {
    case 'refund_approval_sla':
      return { type: 'ExpireRefund', accountId, actor, refundId: deadline.key };
    case 'refund_payout_hold':
      return { type: 'StartRefundPayout', accountId, actor, refundId: deadline.key };
    case 'retention_expiry':
      return { type: 'CloseAccount', accountId, actor };
  }
}
