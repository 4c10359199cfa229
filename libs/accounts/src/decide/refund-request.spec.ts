import { accountConfig } from '../config/account-config';
import { verify, type Case } from '../testing/given-when-then';
import { NOW, command, funded, open, refund, settle, topUp } from '../testing/fixtures';
import { freezeFor } from '../testing/freeze-signals';

const big = 600_000; // above the 500,000 two-approver threshold
const freeze = freezeFor('manual');

describe('SPEC §4 RequestRefund', () => {
  const cases: Case[] = [
    {
      name: 'RequestRefund moves the amount from available to held at once',
      given: funded(10_000),
      when: refund('r1', 4_000),
      then: {
        events: [
          {
            type: 'RefundRequested',
            data: {
              refundId: 'r1',
              amount: 4_000,
              reason: 'service_unsatisfactory',
              approvalsRequired: 1,
              by: 'op-1',
              at: NOW,
            },
          },
        ],
        state: {
          balance: { available: 6_000, held: 4_000 },
          refunds: { r1: { status: 'requested', requestedBy: 'op-1' } },
        },
      },
    },
    {
      name: 'a refund of the whole available balance is accepted',
      given: funded(10_000),
      when: refund('r1', 10_000),
      then: {
        events: [{ type: 'RefundRequested' }],
        state: { balance: { available: 0, held: 10_000 } },
      },
    },
    {
      name: 'a refund above available is INSUFFICIENT_FUNDS with available and requested',
      given: funded(10_000),
      when: refund('r1', 10_001),
      then: { error: 'INSUFFICIENT_FUNDS', details: { available: 10_000, requested: 10_001 } },
    },
    {
      name: 'pending top-ups are not available for refunds',
      given: [...funded(100), topUp('t2', 10_000)],
      when: refund('r1', 101),
      then: { error: 'INSUFFICIENT_FUNDS', details: { available: 100 } },
    },
    {
      name: 'the approval deadline is the request time plus the 72 h SLA',
      given: funded(),
      when: refund('r1', 1),
      then: {
        events: [
          { type: 'RefundRequested', data: { approvalDeadline: '2025-03-13T09:00:00.000Z' } },
        ],
      },
    },
    {
      name: 'the approval SLA is configurable',
      given: funded(),
      when: refund('r1', 1),
      context: { config: accountConfig({ refundApprovalSlaHours: 1 }) },
      then: {
        events: [
          { type: 'RefundRequested', data: { approvalDeadline: '2025-03-10T10:00:00.000Z' } },
        ],
      },
    },
    {
      name: 'a refund at the two-approver threshold needs one approver',
      given: funded(big),
      when: refund('r1', 500_000),
      then: { events: [{ type: 'RefundRequested', data: { approvalsRequired: 1 } }] },
    },
    {
      name: 'a refund above the two-approver threshold needs two approvers',
      given: funded(big),
      when: refund('r1', 500_001),
      then: { events: [{ type: 'RefundRequested', data: { approvalsRequired: 2 } }] },
    },
    {
      name: 'a refund reason outside the enum is VALIDATION_FAILED',
      given: funded(),
      when: command('RequestRefund', { refundId: 'r1', amount: 1, reason: 'because' as 'other' }),
      then: { error: 'VALIDATION_FAILED', details: { field: 'reason' } },
    },
    {
      name: 'reason other without a note is VALIDATION_FAILED',
      given: funded(),
      when: command('RequestRefund', { refundId: 'r1', amount: 1, reason: 'other', note: '   ' }),
      then: { error: 'VALIDATION_FAILED', details: { field: 'note' } },
    },
    {
      name: 'reason other with a note is accepted and the note is trimmed',
      given: funded(),
      when: command('RequestRefund', {
        refundId: 'r1',
        amount: 1,
        reason: 'other',
        note: '  goodwill  ',
      }),
      then: { events: [{ type: 'RefundRequested', data: { reason: 'other', note: 'goodwill' } }] },
    },
    {
      name: 'RequestRefund without a bank card on file is BANK_CARD_REQUIRED',
      given: [open(), topUp('t1', 100), settle('t1')],
      when: refund('r1', 50),
      then: { error: 'BANK_CARD_REQUIRED', details: { purpose: 'refund' } },
    },
    {
      name: 'RequestRefund with an id already used is REFUND_ALREADY_EXISTS',
      given: [...funded(), refund('r1', 1)],
      when: refund('r1', 1),
      then: { error: 'REFUND_ALREADY_EXISTS', details: { refundId: 'r1' } },
    },
    {
      name: 'RequestRefund while frozen is ACCOUNT_FROZEN',
      given: [...funded(), freeze],
      when: refund('r1', 1),
      then: { error: 'ACCOUNT_FROZEN', details: { reasons: ['manual'] } },
    },
  ];
  it.each(cases)('$name', verify);
});
