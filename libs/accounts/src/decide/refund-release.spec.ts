import { at, verify, type Case } from '../testing/given-when-then';
import {
  ADMIN,
  APPROVER,
  OPERATOR,
  OPERATOR_2,
  approve,
  command,
  funded,
  refund,
} from '../testing/fixtures';
import { freezeFor } from '../testing/freeze-signals';

const big = 600_000; // above the 500,000 two-approver threshold
const reject = (refundId: string) => command('RejectRefund', { refundId, reason: 'not eligible' });
const cancel = (refundId: string, by = OPERATOR) =>
  command('CancelRefund', { refundId, reason: 'customer withdrew' }, by);
const freeze = freezeFor('manual');

describe('SPEC §4 rejection, cancellation and expiry release the hold', () => {
  const released = { balance: { available: 100_000, held: 0 } };
  const cases: Case[] = [
    {
      name: 'RejectRefund releases the hold and records who and why',
      given: [...funded(), refund('r1', 1_000)],
      when: reject('r1'),
      then: {
        events: [
          {
            type: 'RefundRejected',
            data: { refundId: 'r1', amount: 1_000, reason: 'not eligible', by: 'ap-1' },
          },
        ],
        state: {
          ...released,
          refunds: {
            r1: { status: 'rejected', decidedBy: 'ap-1', decisionReason: 'not eligible' },
          },
        },
      },
    },
    {
      name: 'a partially approved refund can still be rejected',
      given: [...funded(big), refund('r1', big), approve('r1')],
      when: reject('r1'),
      then: { events: [{ type: 'RefundRejected' }], state: { balance: { held: 0 } } },
    },
    {
      name: 'RejectRefund still works while the account is frozen',
      given: [...funded(), refund('r1', 1_000), freeze],
      when: reject('r1'),
      then: { events: [{ type: 'RefundRejected' }] },
    },
    {
      name: 'ExpireRefund still releases the hold while the account is frozen',
      given: [...funded(), refund('r1', 1_000), freeze],
      when: command('ExpireRefund', { refundId: 'r1' }),
      context: { now: '2025-03-14T00:00:00.000Z' },
      then: { events: [{ type: 'RefundExpired' }], state: { balance: { held: 0 } } },
    },
    {
      name: 'RejectRefund without a reason is VALIDATION_FAILED',
      given: [...funded(), refund('r1', 1_000)],
      when: command('RejectRefund', { refundId: 'r1', reason: '' }),
      then: { error: 'VALIDATION_FAILED', details: { field: 'reason' } },
    },
    {
      name: 'rejecting after approval is INVALID_TRANSITION',
      given: [...funded(), refund('r1', 1_000), approve('r1')],
      when: reject('r1'),
      then: { error: 'INVALID_TRANSITION', details: { current: 'payout_pending' } },
    },
    {
      name: 'the requester may cancel before approval, releasing the hold',
      given: [...funded(), refund('r1', 1_000)],
      when: cancel('r1'),
      then: {
        events: [
          {
            type: 'RefundCancelled',
            data: { stage: 'before_approval', reason: 'customer withdrew' },
          },
        ],
        state: { ...released, refunds: { r1: { status: 'cancelled' } } },
      },
    },
    {
      name: 'another operator may not cancel someone else’s refund: FORBIDDEN',
      given: [...funded(), refund('r1', 1_000)],
      when: cancel('r1', OPERATOR_2),
      then: {
        error: 'FORBIDDEN',
        details: { command: 'CancelRefund', rule: 'requester_or_admin' },
      },
    },
    {
      name: 'an admin may cancel a refund before approval',
      given: [...funded(), refund('r1', 1_000)],
      when: cancel('r1', ADMIN),
      then: { events: [{ type: 'RefundCancelled' }] },
    },
    {
      name: 'an approver may not cancel a refund awaiting approval (they reject it)',
      given: [...funded(), refund('r1', 1_000)],
      when: cancel('r1', APPROVER),
      then: { error: 'FORBIDDEN', details: { rule: 'requester_or_admin' } },
    },
    {
      name: 'cancelling after approval is INVALID_TRANSITION',
      given: [...funded(), refund('r1', 1_000), approve('r1')],
      when: cancel('r1'),
      then: { error: 'INVALID_TRANSITION', details: { current: 'payout_pending' } },
    },
    {
      name: 'ExpireRefund after the SLA expires the refund and releases the hold',
      given: [...funded(), refund('r1', 1_000)],
      when: command('ExpireRefund', { refundId: 'r1' }),
      context: { now: '2025-03-13T09:00:00.000Z' },
      then: {
        events: [
          {
            type: 'RefundExpired',
            data: { refundId: 'r1', approvalDeadline: '2025-03-13T09:00:00.000Z' },
          },
        ],
        state: { ...released, refunds: { r1: { status: 'expired' } } },
      },
    },
    {
      name: 'ExpireRefund expires a partially approved refund too',
      given: [...funded(big), refund('r1', big), approve('r1')],
      when: command('ExpireRefund', { refundId: 'r1' }),
      context: { now: '2025-04-01T00:00:00.000Z' },
      then: { events: [{ type: 'RefundExpired' }] },
    },
    {
      name: 'ExpireRefund before the SLA is DEADLINE_NOT_REACHED with the due time',
      given: [...funded(), refund('r1', 1_000)],
      when: command('ExpireRefund', { refundId: 'r1' }),
      context: { now: '2025-03-13T08:59:59.999Z' },
      then: {
        error: 'DEADLINE_NOT_REACHED',
        details: { deadline: 'refund_approval_sla', dueAt: '2025-03-13T09:00:00.000Z' },
      },
    },
    {
      name: 'a stale ExpireRefund for a refund already decided does nothing',
      given: [...funded(), refund('r1', 1_000), at('2025-03-11T00:00:00Z', approve('r1'))],
      when: command('ExpireRefund', { refundId: 'r1' }),
      context: { now: '2025-03-20T00:00:00.000Z' },
      then: { events: [] },
    },
  ];
  it.each(cases)('$name', verify);
});
