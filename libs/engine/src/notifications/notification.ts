import type { DomainEvent, EventType } from '@account-ops/accounts';

/** What the customer is told. Carries no personal data: the sender looks up the contact. */
export interface Notification {
  /** `${accountId}:${version}` of the event it reports: stable, so a receiver can de-duplicate. */
  readonly id: string;
  readonly accountId: string;
  readonly kind: NotificationKind;
  readonly eventVersion: number;
  readonly occurredAt: string;
  /** The facts of the event that matter to the customer (ids, amounts, reasons). */
  readonly facts: Record<string, string | number | boolean | null>;
}

/** Every kind of customer notification. */
export const NOTIFICATION_KINDS = [
  'refund_approved',
  'refund_rejected',
  'refund_paid_out',
  'refund_payout_failed',
  'account_frozen',
  'account_unfrozen',
  'cancellation_confirmed',
  'card_changed',
] as const;

export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/**
 * Facts that are someone's words (personal data, sealed in the event they come from):
 * by kind, that event's type and the fields. The outbox keeps them sealed as the event
 * does, so closing the account erases them there too; the dispatcher opens them just
 * before sending, and webhooks leave them out as they leave out the event's personal
 * fields.
 */
export const SEALED_FACTS: Partial<
  Record<NotificationKind, { readonly eventType: EventType; readonly fields: readonly string[] }>
> = {
  refund_rejected: { eventType: 'RefundRejected', fields: ['reason'] },
};

/** Delivers notifications (e-mail, SMS, webhook…). Throwing means "try again later". */
export interface NotificationSender {
  send(notification: Notification): Promise<void>;
}

/** The customer-facing events of SPEC (refund approved/rejected/paid/failed, freezes, cancellation). */
export function notificationFor(
  accountId: string,
  version: number,
  event: DomainEvent,
): Notification | undefined {
  const base = {
    id: `${accountId}:${version}`,
    accountId,
    eventVersion: version,
    occurredAt: event.data.at,
  };
  switch (event.type) {
    case 'RefundApproved':
      // Only the final approval changes anything for the customer.
      return event.data.final
        ? { ...base, kind: 'refund_approved', facts: { refundId: event.data.refundId } }
        : undefined;
    case 'RefundRejected':
      return {
        ...base,
        kind: 'refund_rejected',
        facts: {
          refundId: event.data.refundId,
          amount: event.data.amount,
          reason: event.data.reason,
        },
      };
    case 'RefundPaidOut':
      return {
        ...base,
        kind: 'refund_paid_out',
        facts: {
          refundId: event.data.refundId,
          amount: event.data.amount,
          currency: event.data.currency,
        },
      };
    case 'RefundPayoutFailed':
      return {
        ...base,
        kind: 'refund_payout_failed',
        facts: { refundId: event.data.refundId, amount: event.data.amount },
      };
    case 'FreezeApplied':
      return { ...base, kind: 'account_frozen', facts: { reason: event.data.reason } };
    case 'FreezeLifted':
      return { ...base, kind: 'account_unfrozen', facts: { reason: event.data.reason } };
    // SPEC §3: every card change is told to the customer, who can object if it was not them;
    // the last four digits and the brand only (the full number never reaches an event).
    case 'BankCardChanged':
      return {
        ...base,
        kind: 'card_changed',
        facts: { last4: event.data.last4, brand: event.data.brand },
      };
    case 'CancellationConfirmed':
      return {
        ...base,
        kind: 'cancellation_confirmed',
        facts: { retentionUntil: event.data.retentionUntil },
      };
    default:
      return undefined;
  }
}
