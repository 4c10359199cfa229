import { verify, type Case } from '../testing/given-when-then';
import { APPROVER_2, approve, command, funded, refund } from '../testing/fixtures';
import { freezeFor, unfreezeFor } from '../testing/freeze-signals';

const big = 600_000; // above the 500,000 two-approver threshold
const freeze = freezeFor('manual');
const unfreeze = unfreezeFor('manual');
const makerAlsoChecker = { id: 'op-1', roles: ['operator' as const, 'approver' as const] };

describe('SPEC §4 maker-checker approval', () => {
  const cases: Case[] = [
    {
      name: 'the single approval of a small refund approves it and starts the payout to the card',
      given: [...funded(), refund('r1', 1_000)],
      when: approve('r1'),
      then: {
        events: [
          {
            type: 'RefundApproved',
            data: { refundId: 'r1', approval: 1, final: true, by: 'ap-1' },
          },
          {
            type: 'RefundPayoutStarted',
            data: { refundId: 'r1', amount: 1_000, cardLast4: '1111' },
          },
        ],
        state: {
          refunds: { r1: { status: 'payout_pending', approvedBy: ['ap-1'] } },
          balance: { held: 1_000 },
        },
      },
    },
    {
      name: 'the requester may never approve their own refund: MAKER_CHECKER_VIOLATION',
      given: [...funded(), refund('r1', 1_000, makerAlsoChecker)],
      when: approve('r1', makerAlsoChecker),
      then: {
        error: 'MAKER_CHECKER_VIOLATION',
        details: { refundId: 'r1', rule: 'approver_is_requester' },
      },
    },
    {
      name: 'the first of two approvals leaves the refund partially_approved with no payout',
      given: [...funded(big), refund('r1', big)],
      when: approve('r1'),
      then: {
        events: [
          { type: 'RefundApproved', data: { approval: 1, approvalsRequired: 2, final: false } },
        ],
        state: { refunds: { r1: { status: 'partially_approved' } } },
      },
    },
    {
      name: 'the same approver twice is MAKER_CHECKER_VIOLATION',
      given: [...funded(big), refund('r1', big), approve('r1')],
      when: approve('r1'),
      then: { error: 'MAKER_CHECKER_VIOLATION', details: { rule: 'approver_already_approved' } },
    },
    {
      name: 'a second distinct approver completes the approval and starts the payout',
      given: [...funded(big), refund('r1', big), approve('r1')],
      when: approve('r1', APPROVER_2),
      then: {
        events: [
          { type: 'RefundApproved', data: { approval: 2, final: true } },
          { type: 'RefundPayoutStarted' },
        ],
        state: { refunds: { r1: { status: 'payout_pending', approvedBy: ['ap-1', 'ap-2'] } } },
      },
    },
    {
      name: 'approving an approved refund is INVALID_TRANSITION with its current state',
      given: [...funded(), refund('r1', 1_000), approve('r1')],
      when: approve('r1', APPROVER_2),
      then: {
        error: 'INVALID_TRANSITION',
        details: { subject: 'refund', id: 'r1', current: 'payout_pending' },
      },
    },
    {
      name: 'ApproveRefund of an unknown refund is REFUND_NOT_FOUND',
      given: funded(),
      when: approve('nope'),
      then: { error: 'REFUND_NOT_FOUND', details: { refundId: 'nope' } },
    },
    {
      name: 'the final approval while frozen leaves the refund approved: the payout waits',
      given: [...funded(), refund('r1', 1_000), freeze],
      when: approve('r1'),
      then: {
        events: [{ type: 'RefundApproved', data: { final: true } }],
        state: { refunds: { r1: { status: 'approved' } } },
      },
    },
    {
      name: 'lifting the last freeze reason starts the payouts that waited',
      given: [
        ...funded(),
        refund('r1', 1_000),
        refund('r2', 2_000),
        freeze,
        approve('r1'),
        approve('r2'),
      ],
      when: unfreeze,
      then: {
        events: [
          { type: 'FreezeLifted', data: { reason: 'manual' } },
          { type: 'RefundPayoutStarted', data: { refundId: 'r1' } },
          { type: 'RefundPayoutStarted', data: { refundId: 'r2' } },
        ],
        state: {
          frozen: false,
          refunds: { r1: { status: 'payout_pending' }, r2: { status: 'payout_pending' } },
        },
      },
    },
    {
      name: 'lifting one of two freeze reasons does not start waiting payouts',
      given: [
        ...funded(),
        refund('r1', 1_000),
        freeze,
        command('MarkPaymentOverdue', {}),
        approve('r1'),
      ],
      when: unfreeze,
      then: {
        events: [{ type: 'FreezeLifted' }],
        state: { frozen: true, refunds: { r1: { status: 'approved' } } },
      },
    },
  ];
  it.each(cases)('$name', verify);
});
