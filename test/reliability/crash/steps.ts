import type { EventType } from '@account-ops/accounts';
import type { RelActor } from '../harness/actors';
import type { Request } from '../harness/http';

/**
 * A deadline may legitimately get to an entity before the workload does: a refund waiting
 * for approval expires, a cancelled account closes. A step marked so may then answer 409,
 * and the client confirms the reason on the account before accepting it.
 */
export type Preempted = { kind: 'refund-expired'; refundId: string } | { kind: 'account-closed' };

/** One command of a workload, and what success looks like. */
export interface Step {
  readonly request: Request & { readonly idempotencyKey: string };
  readonly status: number;
  /** An event the command must have appended (with others, e.g. RefundPayoutStarted). */
  readonly eventType: EventType;
  readonly preemptedBy?: Preempted;
}

/** Public test card numbers (never real cards); they may only ever appear in requests. */
export const TEST_PANS = ['4111111111111111', '5555555555554444'] as const;

/**
 * The workload's commands on one account, each with a fresh Idempotency-Key: a retry of a
 * step resends the same key and body, a new step never reuses one.
 */
export function stepsFor(accountId: string, keyPrefix: string) {
  let n = 0;
  const base = `/accounts/${accountId}`;
  const step = (
    actor: RelActor,
    method: Request['method'],
    path: string,
    status: number,
    eventType: EventType,
    body?: unknown,
    preemptedBy?: Preempted,
  ): Step => ({
    request: { actor, method, path, body, idempotencyKey: `${keyPrefix}.${++n}` },
    status,
    eventType,
    ...(preemptedBy ? { preemptedBy } : {}),
  });
  const expired = (refundId: string): Preempted => ({ kind: 'refund-expired', refundId });
  const refund = (id: string, action: string) => `${base}/refunds/${id}/${action}`;
  return {
    open: () =>
      step('operator', 'POST', '/accounts', 201, 'AccountOpened', {
        accountId,
        ownerName: 'Grace Hopper',
        ownerEmail: 'grace@example.com',
        currency: 'EUR',
        plan: { pricePerCycle: 3_000, cycleDays: 30, cycleStart: '2026-03-01' },
      }),
    card: (pan: string) =>
      step('admin', 'PUT', `${base}/bank-card`, 200, 'BankCardChanged', {
        cardNumber: pan,
        holderName: 'GRACE HOPPER',
        bankName: 'Example Bank',
      }),
    initiate: (topUpId: string, amount: number) =>
      step('system', 'POST', `${base}/top-ups`, 201, 'TopUpInitiated', {
        topUpId,
        amount,
        method: 'bank_transfer',
        paymentReference: `ref-${topUpId}`,
      }),
    settle: (topUpId: string) =>
      step('system', 'POST', `${base}/top-ups/${topUpId}/settle`, 202, 'TopUpSettled'),
    fail: (topUpId: string) =>
      step('system', 'POST', `${base}/top-ups/${topUpId}/fail`, 202, 'TopUpFailed', {
        reason: 'declined by the bank',
      }),
    requestRefund: (refundId: string, amount: number) =>
      step('operator', 'POST', `${base}/refunds`, 201, 'RefundRequested', {
        refundId,
        amount,
        reason: 'duplicate_charge',
        note: 'charged twice',
      }),
    approve: (refundId: string, by: 'approver' | 'approver2' = 'approver') =>
      step(by, 'POST', refund(refundId, 'approve'), 200, 'RefundApproved', {}, expired(refundId)),
    reject: (refundId: string) =>
      step(
        'approver',
        'POST',
        refund(refundId, 'reject'),
        200,
        'RefundRejected',
        {
          reason: 'not covered by the contract',
        },
        expired(refundId),
      ),
    cancelRefund: (refundId: string) =>
      step(
        'operator',
        'POST',
        refund(refundId, 'cancel'),
        200,
        'RefundCancelled',
        {
          reason: 'customer withdrew',
        },
        expired(refundId),
      ),
    paidOut: (refundId: string) =>
      step('system', 'POST', refund(refundId, 'payout-succeeded'), 202, 'RefundPaidOut', {
        payoutReference: `po-${refundId}`,
      }),
    payoutFailed: (refundId: string) =>
      step('system', 'POST', refund(refundId, 'payout-failed'), 202, 'RefundPayoutFailed', {
        reason: 'account closed at the bank',
      }),
    retryPayout: (refundId: string) =>
      step('approver', 'POST', refund(refundId, 'retry-payout'), 200, 'RefundPayoutRetried', {}),
    freeze: () =>
      step('admin', 'POST', `${base}/freezes`, 201, 'FreezeApplied', {
        reason: 'manual',
        note: 'chargeback investigation',
      }),
    unfreeze: () =>
      step('admin', 'DELETE', `${base}/freezes/manual`, 200, 'FreezeLifted', {
        note: 'investigation closed',
      }),
    requestCancellation: () =>
      step('admin', 'POST', `${base}/cancellation`, 201, 'CancellationRequested', {
        reason: 'customer is moving abroad',
      }),
    confirmCancellation: () =>
      step('admin', 'POST', `${base}/cancellation/confirm`, 200, 'CancellationConfirmed', {}),
    reactivate: () =>
      step(
        'admin',
        'POST',
        `${base}/reactivation`,
        200,
        'AccountReactivated',
        {},
        {
          kind: 'account-closed',
        },
      ),
  };
}

export type Steps = ReturnType<typeof stepsFor>;
