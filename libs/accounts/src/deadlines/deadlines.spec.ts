import type { DomainEvent } from '../events/domain-event';
import { given } from '../testing/given-when-then';
import { SYSTEM, approve, command, funded, refund } from '../testing/fixtures';
import { commandForDeadline, deadlinesFor } from './deadlines';

const effectsOf = (events: DomainEvent[]) => events.flatMap(deadlinesFor);
const lastEffects = (steps: Parameters<typeof given>[0]) => {
  const before = given((steps ?? []).slice(0, -1)).events.length;
  return effectsOf(given(steps).events.slice(before));
};
const request = command('RequestCancellation', { reason: 'leaving' });
const confirm = command('ConfirmCancellation', {});
const sla = { kind: 'refund_approval_sla', key: 'r1' };

describe('deadlines derive from events', () => {
  it.each([
    [
      'RefundRequested schedules the approval SLA at the approval deadline',
      [...funded(), refund('r1', 10)],
      [{ action: 'schedule', ...sla, dueAt: '2025-03-13T09:00:00.000Z' }],
    ],
    [
      'the final approval cancels the approval SLA (and the started payout any hold timer)',
      [...funded(), refund('r1', 10), approve('r1')],
      [
        { action: 'cancel', ...sla },
        { action: 'cancel', kind: 'refund_payout_hold', key: 'r1' },
      ],
    ],
    [
      'a first of two approvals leaves the SLA running',
      [...funded(600_000), refund('r1', 600_000), approve('r1')],
      [],
    ],
    [
      'a rejection cancels the approval SLA',
      [...funded(), refund('r1', 10), command('RejectRefund', { refundId: 'r1', reason: 'no' })],
      [{ action: 'cancel', ...sla }],
    ],
    [
      'a cancellation before approval cancels the approval SLA',
      [...funded(), refund('r1', 10), command('CancelRefund', { refundId: 'r1' })],
      [{ action: 'cancel', ...sla }],
    ],
    [
      'a cancellation after a failed payout has no SLA to cancel',
      [
        ...funded(),
        refund('r1', 10),
        approve('r1'),
        command('MarkRefundPayoutFailed', { refundId: 'r1', reason: 'x' }),
        command('CancelRefund', { refundId: 'r1' }, { id: 'ap-1', roles: ['approver'] }),
      ],
      [],
    ],
    [
      'CancellationConfirmed schedules the retention expiry',
      [...funded(), request, confirm],
      [
        {
          action: 'schedule',
          kind: 'retention_expiry',
          key: 'retention',
          dueAt: '2025-04-09T09:00:00.000Z',
        },
      ],
    ],
    [
      'AccountReactivated cancels the retention expiry',
      [...funded(), request, confirm, command('ReactivateAccount', {})],
      [{ action: 'cancel', kind: 'retention_expiry', key: 'retention' }],
    ],
    ['other events imply no timers', [...funded()], []],
  ] as const)('%s', (_, steps, expected) => {
    expect(lastEffects(steps)).toEqual(expected);
  });

  it('an expired refund cancels its (fired) SLA entry', () => {
    const { events } = given([...funded(), refund('r1', 10)]);
    const expired: DomainEvent = {
      type: 'RefundExpired',
      data: {
        refundId: 'r1',
        amount: 10,
        currency: 'CNY',
        approvalDeadline: '2025-03-13T09:00:00.000Z',
        at: '2025-03-13T09:00:00.000Z',
        by: 'scheduler',
      },
    };
    expect(effectsOf([...events, expired]).at(-1)).toEqual({ action: 'cancel', ...sla });
  });

  it('a fired deadline becomes the system command that handles it', () => {
    expect(
      commandForDeadline('acc-1', sla as { kind: 'refund_approval_sla'; key: string }, SYSTEM),
    ).toEqual({
      type: 'ExpireRefund',
      accountId: 'acc-1',
      actor: SYSTEM,
      refundId: 'r1',
    });
    expect(
      commandForDeadline('acc-1', { kind: 'retention_expiry', key: 'retention' }, SYSTEM),
    ).toEqual({
      type: 'CloseAccount',
      accountId: 'acc-1',
      actor: SYSTEM,
    });
  });
});
