import { verify, type Case } from '../testing/given-when-then';
import {
  ADMIN,
  APPROVER,
  OPERATOR,
  SYSTEM,
  approve,
  command,
  funded,
  refund,
} from '../testing/fixtures';
import { freezeFor } from '../testing/freeze-signals';

const paidOut = (refundId: string) =>
  command('MarkRefundPaidOut', { refundId, payoutReference: 'po-77' });
const payoutFailed = (refundId: string) =>
  command('MarkRefundPayoutFailed', { refundId, reason: 'account closed at bank' });
const retry = (refundId: string, by = APPROVER) => command('RetryRefundPayout', { refundId }, by);
const cancel = (refundId: string, by = APPROVER) =>
  command('CancelRefund', { refundId, reason: 'customer paid in cash' }, by);
const freeze = freezeFor('manual');
const inPayout = [...funded(10_000), refund('r1', 4_000), approve('r1')];
const failed = [...inPayout, payoutFailed('r1')];

describe('SPEC §4 payout', () => {
  const cases: Case[] = [
    {
      name: 'RefundPaidOut removes the hold: the money has left',
      given: inPayout,
      when: paidOut('r1'),
      then: {
        events: [
          {
            type: 'RefundPaidOut',
            data: { refundId: 'r1', amount: 4_000, payoutReference: 'po-77' },
          },
        ],
        state: { balance: { available: 6_000, held: 0 }, refunds: { r1: { status: 'paid' } } },
      },
    },
    {
      name: 'a second payout report is INVALID_TRANSITION, never a double debit',
      given: [...inPayout, paidOut('r1')],
      when: paidOut('r1'),
      then: { error: 'INVALID_TRANSITION', details: { current: 'paid' } },
    },
    {
      name: 'a payout report for a refund not in payout is INVALID_TRANSITION',
      given: [...funded(10_000), refund('r1', 4_000)],
      when: paidOut('r1'),
      then: { error: 'INVALID_TRANSITION', details: { current: 'requested' } },
    },
    {
      name: 'RefundPayoutFailed keeps the hold',
      given: inPayout,
      when: payoutFailed('r1'),
      then: {
        events: [{ type: 'RefundPayoutFailed', data: { reason: 'account closed at bank' } }],
        state: {
          balance: { available: 6_000, held: 4_000 },
          refunds: { r1: { status: 'payout_failed' } },
        },
      },
    },
    {
      name: 'payout outcomes are accepted while frozen: a sent payout cannot be paused',
      given: [...inPayout, freeze],
      when: paidOut('r1'),
      then: { events: [{ type: 'RefundPaidOut' }] },
    },
    ...[APPROVER, ADMIN, SYSTEM].map((by) => ({
      name: `the ${by.roles[0]} role may retry a failed payout: back to payout_pending`,
      given: failed,
      when: retry('r1', by),
      then: {
        events: [{ type: 'RefundPayoutRetried' as const, data: { attempt: 2, cardLast4: '1111' } }],
        state: { refunds: { r1: { status: 'payout_pending' as const, payoutAttempts: 2 } } },
      },
    })),
    {
      name: 'an operator may not retry a payout: FORBIDDEN',
      given: failed,
      when: retry('r1', OPERATOR),
      then: { error: 'FORBIDDEN', details: { command: 'RetryRefundPayout' } },
    },
    {
      name: 'retrying while frozen is ACCOUNT_FROZEN: payouts pause while frozen',
      given: [...failed, freeze],
      when: retry('r1'),
      then: { error: 'ACCOUNT_FROZEN' },
    },
    {
      name: 'retrying a payout that did not fail is INVALID_TRANSITION',
      given: inPayout,
      when: retry('r1'),
      then: { error: 'INVALID_TRANSITION', details: { current: 'payout_pending' } },
    },
    {
      name: 'an approver may cancel after a failed payout, releasing the hold',
      given: failed,
      when: cancel('r1'),
      then: {
        events: [{ type: 'RefundCancelled', data: { stage: 'after_payout_failure' } }],
        state: {
          balance: { available: 10_000, held: 0 },
          refunds: { r1: { status: 'cancelled' } },
        },
      },
    },
    {
      name: 'the requester may not cancel after a failed payout: FORBIDDEN',
      given: failed,
      when: cancel('r1', OPERATOR),
      then: { error: 'FORBIDDEN', details: { rule: 'approver_or_admin' } },
    },
  ];
  it.each(cases)('$name', verify);
});
