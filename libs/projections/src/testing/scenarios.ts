import type { Command } from '@account-ops/accounts';
import { accountFixtures as fx } from '@account-ops/testing';
import { forAccount, type Step } from './accounts-driver';

/** 3,000 per 30-day cycle from 2025-03-01: cancelling mid-March credits the unused days. */
export const PLAN = { pricePerCycle: 3_000, cycleDays: 30, cycleStart: '2025-03-01' };

/** Personal data the scenarios use, which no read-model row may contain. */
export const PERSONAL_DATA = [
  'Li Wei',
  'li.wei@example.com',
  'LI WEI',
  fx.VISA,
  fx.fingerprint(fx.VISA),
];

const c = fx.command;
const paidOut = (refundId: string) => c('MarkRefundPaidOut', { refundId, payoutReference: 'p' });
const payoutFailed = (refundId: string) =>
  c('MarkRefundPayoutFailed', { refundId, reason: 'bounced' });

/**
 * One account's life that emits every event type of the domain at least once: top-ups
 * settled, pending and failed; refunds paid, rejected, cancelled, expired, failed and
 * retried, one needing two approvers; each freeze reason in and out; a cancellation
 * withdrawn, one confirmed then reactivated, and one that ends with the account closed.
 */
export function everyEventStory(accountId: string): Step[] {
  const steps: (Command | { at: string })[] = [
    fx.open({ plan: PLAN }),
    fx.card(),
    fx.topUp('t1', 900_000),
    fx.settle('t1'),
    fx.topUp('t2', 2_000),
    c('FailTopUp', { topUpId: 't2', reason: 'declined' }),
    fx.topUp('t3', 3_000),
    fx.refund('r1', 1_000),
    fx.approve('r1'),
    paidOut('r1'),
    fx.refund('r2', 2_000),
    c('RejectRefund', { refundId: 'r2', reason: 'duplicate request' }),
    fx.refund('r3', 3_000),
    c('CancelRefund', { refundId: 'r3', reason: 'customer changed mind' }),
    c('RequestRefund', { refundId: 'r4', amount: 600_000, reason: 'other', note: 'goodwill' }),
    fx.approve('r4'),
    fx.approve('r4', fx.APPROVER_2),
    payoutFailed('r4'),
    c('RetryRefundPayout', { refundId: 'r4', note: 'new card details' }),
    payoutFailed('r4'),
    c('CancelRefund', { refundId: 'r4', reason: 'payout impossible' }, fx.APPROVER),
    fx.refund('r5', 5_000),
    fx.approve('r5'),
    paidOut('r5'),
    ...Array.from({ length: 5 }, () => c('RecordFailedLogin', {})),
    c('ResetPassword', {}),
    c('MarkPaymentOverdue', { note: 'invoice 42' }),
    c('SettleOverdue', {}),
    c('Freeze', { reason: 'manual', note: 'fraud check' }),
    c('Unfreeze', { reason: 'manual', note: 'cleared' }),
    c('Freeze', { reason: 'compliance', note: 'sanctions screening' }, fx.COMPLIANCE),
    c('Unfreeze', { reason: 'compliance', note: 'cleared' }, fx.COMPLIANCE),
    c('StartMaintenance', { note: 'migration' }),
    c('EndMaintenance', {}),
    fx.refund('r6', 6_000),
    { at: '2025-03-14T00:00:00.000Z' },
    c('ExpireRefund', { refundId: 'r6' }),
    // SPEC §3: a replacement card holds the next payout for 24 h; the timer then starts it.
    fx.card(fx.MASTERCARD),
    fx.refund('r7', 700),
    fx.approve('r7'),
    { at: '2025-03-15T01:00:00.000Z' },
    c('StartRefundPayout', { refundId: 'r7' }),
    paidOut('r7'),
    fx.settle('t3'),
    c('RequestCancellation', { reason: 'moving abroad' }),
    c('WithdrawCancellation', { note: 'stays after all' }),
    c('RequestCancellation', { reason: 'moving abroad' }),
    c('ConfirmCancellation', {}),
    c('ReactivateAccount', { note: 'came back' }),
    c('RequestCancellation', { reason: 'moving abroad, really' }),
    c('ConfirmCancellation', { note: 'final' }),
    { at: '2025-04-20T00:00:00.000Z' },
    c('CloseAccount', {}),
  ];
  return steps.map((s) => ('at' in s ? s : forAccount(accountId, s)));
}
