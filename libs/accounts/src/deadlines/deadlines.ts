import type { Actor } from '../actors/roles';
import type { Command } from '../commands/command';
import type { DomainEvent } from '../events/domain-event';

/** The durable timers the domain asks for (SPEC Engine: deadlines derive from events). */
export type DeadlineKind = 'refund_approval_sla' | 'retention_expiry';

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
 * The command the engine sends, as `actor` (a `system` actor), when a deadline fires.
 * Stale ones are harmless: `decide` returns no events for a refund already decided or an
 * account no longer cancelled, and refuses with DEADLINE_NOT_REACHED one that is early.
 */
export function commandForDeadline(
  accountId: string,
  deadline: { kind: DeadlineKind; key: string },
  actor: Actor,
): Command {
  return deadline.kind === 'refund_approval_sla'
    ? { type: 'ExpireRefund', accountId, actor, refundId: deadline.key }
    : { type: 'CloseAccount', accountId, actor };
}
