import { verify, type Case } from '../testing/given-when-then';
import { approve, command, funded, refund, topUp } from '../testing/fixtures';
import { freezeFor } from '../testing/freeze-signals';
import { request } from '../testing/cancellation-fixtures';

const freeze = freezeFor('manual');

describe('SPEC §6 cancellation request and withdrawal', () => {
  const cases: Case[] = [
    {
      name: 'an admin requests cancellation with a reason: cancellation_requested',
      given: funded(),
      when: request,
      then: {
        events: [
          {
            type: 'CancellationRequested',
            data: { reason: 'moving to a competitor', by: 'admin-1' },
          },
        ],
        state: { status: 'cancellation_requested', cancellation: { requestedBy: 'admin-1' } },
      },
    },
    {
      name: 'RequestCancellation lists every blocker: frozen, open refunds, pending top-ups',
      given: [...funded(), refund('r1', 10), topUp('t2', 10), freeze],
      when: request,
      then: {
        error: 'CANCELLATION_BLOCKED',
        details: {
          blockers: [
            { kind: 'frozen', reasons: ['manual'] },
            { kind: 'open_refunds', refundIds: ['r1'] },
            { kind: 'pending_top_ups', topUpIds: ['t2'] },
          ],
        },
      },
    },
    {
      name: 'a refund awaiting its payout blocks cancellation; a paid one does not',
      given: [
        ...funded(),
        refund('r1', 10),
        approve('r1'),
        refund('r2', 10),
        approve('r2'),
        command('MarkRefundPaidOut', { refundId: 'r2' }),
      ],
      when: request,
      then: {
        error: 'CANCELLATION_BLOCKED',
        details: { blockers: [{ kind: 'open_refunds', refundIds: ['r1'] }] },
      },
    },
    {
      name: 'requesting cancellation twice is INVALID_TRANSITION',
      given: [...funded(), request],
      when: request,
      then: {
        error: 'INVALID_TRANSITION',
        details: { subject: 'lifecycle', current: 'cancellation_requested' },
      },
    },
    {
      name: 'WithdrawCancellation returns the account to active',
      given: [...funded(), request],
      when: command('WithdrawCancellation', {}),
      then: {
        events: [{ type: 'CancellationWithdrawn' }],
        state: { status: 'active', cancellation: null },
      },
    },
    {
      name: 'WithdrawCancellation of an active account is INVALID_TRANSITION',
      given: funded(),
      when: command('WithdrawCancellation', {}),
      then: { error: 'INVALID_TRANSITION', details: { current: 'active' } },
    },
  ];
  it.each(cases)('$name', verify);
});
