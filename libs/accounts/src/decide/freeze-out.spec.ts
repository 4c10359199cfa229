import { at, verify, type Case } from '../testing/given-when-then';
import {
  ADMIN,
  COMPLIANCE,
  approve,
  command,
  funded,
  open,
  refund,
  settle,
  topUp,
} from '../testing/fixtures';
import { freezeFor, lockedOut, unfreezeFor } from '../testing/freeze-signals';
import type { FreezeReason } from '../commands/freeze-commands';

const freeze = (reason: 'manual' | 'compliance', by = ADMIN) =>
  freezeFor(reason, 'investigation 7', by);
const unfreeze = (reason: FreezeReason, by = ADMIN) => unfreezeFor(reason, 'resolved', by);
const overdue = command('MarkPaymentOverdue', {});

describe('SPEC §5 ways out', () => {
  const cases: Case[] = [
    {
      name: 'ResetPassword lifts failed_logins',
      given: lockedOut,
      when: command('ResetPassword', {}),
      then: {
        events: [
          { type: 'FreezeLifted', data: { reason: 'failed_logins', trigger: 'ResetPassword' } },
        ],
        state: { frozen: false },
      },
    },
    {
      name: 'SettleOverdue lifts overdue_payment',
      given: [open(), overdue],
      when: command('SettleOverdue', {}),
      then: {
        events: [{ type: 'FreezeLifted', data: { reason: 'overdue_payment' } }],
        state: { frozen: false },
      },
    },
    {
      name: 'EndMaintenance lifts maintenance',
      given: [open(), command('StartMaintenance', {})],
      when: command('EndMaintenance', {}),
      then: { events: [{ type: 'FreezeLifted', data: { reason: 'maintenance' } }] },
    },
    {
      name: 'Unfreeze lifts manual',
      given: [open(), freeze('manual')],
      when: unfreeze('manual'),
      then: {
        events: [
          { type: 'FreezeLifted', data: { reason: 'manual', note: 'resolved', by: 'admin-1' } },
        ],
        state: { frozen: false },
      },
    },
    {
      name: 'an admin may Unfreeze failed_logins as an override',
      given: lockedOut,
      when: unfreeze('failed_logins'),
      then: {
        events: [{ type: 'FreezeLifted', data: { reason: 'failed_logins', trigger: 'Unfreeze' } }],
      },
    },
    {
      name: 'an admin without the compliance role may not lift a compliance freeze: FORBIDDEN',
      given: [open(), freeze('compliance', COMPLIANCE)],
      when: unfreeze('compliance', ADMIN),
      then: { error: 'FORBIDDEN', details: { allowedRoles: ['compliance'] } },
    },
    {
      name: 'the compliance role lifts a compliance freeze',
      given: [open(), freeze('compliance', COMPLIANCE)],
      when: unfreeze('compliance', COMPLIANCE),
      then: { events: [{ type: 'FreezeLifted', data: { reason: 'compliance' } }] },
    },
    {
      name: 'each way out lifts only its own reason',
      given: [open(), overdue, freeze('manual'), command('StartMaintenance', {})],
      when: command('SettleOverdue', {}),
      then: {
        events: [{ type: 'FreezeLifted', data: { reason: 'overdue_payment' } }],
        state: { frozen: true, freezeReasons: [{ reason: 'manual' }, { reason: 'maintenance' }] },
      },
    },
    {
      name: `an admin's Unfreeze of manual when it is not active is a 409 FREEZE_REASON_NOT_ACTIVE`,
      given: [open(), freeze('compliance', COMPLIANCE)],
      when: unfreeze('manual'),
      then: {
        error: 'FREEZE_REASON_NOT_ACTIVE' as const,
        details: { reason: 'manual', active: ['compliance'] },
      },
    },
    ...(
      [
        ['ResetPassword', command('ResetPassword', {}), 'failed_logins'],
        ['SettleOverdue', command('SettleOverdue', {}), 'overdue_payment'],
        ['EndMaintenance', command('EndMaintenance', {}), 'maintenance'],
      ] as const
    ).flatMap(([name, when, reason]) => [
      {
        name: `${name} when ${reason} is not active (another reason is) is accepted with no event`,
        given: [open(), freeze('compliance', COMPLIANCE)],
        when,
        then: {
          events: [],
          state: { frozen: true, freezeReasons: [{ reason: 'compliance' as const }] },
        },
      },
      {
        name: `${name} for an account never frozen is accepted with no event`,
        given: [open()],
        when,
        then: { events: [], state: { frozen: false, freezeReasons: [] } },
      },
      {
        name: `${name} still needs its role when it would change nothing: FORBIDDEN`,
        given: [open()],
        when: { ...when, actor: { id: 'aud-1', roles: ['auditor' as const] } },
        then: { error: 'FORBIDDEN' as const },
      },
      {
        name: `${name} still needs an opened account: ACCOUNT_NOT_FOUND`,
        given: [],
        when,
        then: { error: 'ACCOUNT_NOT_FOUND' as const },
      },
    ]),
  ];
  it.each(cases)('$name', verify);
});

describe('SPEC §5 while frozen', () => {
  const frozen = [...funded(), refund('r1', 1_000), topUp('t9', 500), freeze('manual')];
  const cases: Case[] = [
    {
      name: 'no top-up initiation while frozen',
      given: frozen,
      when: topUp('t1', 1),
      then: { error: 'ACCOUNT_FROZEN' },
    },
    {
      name: 'no refund request while frozen',
      given: frozen,
      when: refund('r2', 1),
      then: { error: 'ACCOUNT_FROZEN' },
    },
    {
      name: 'no payout while frozen: an approved refund waits',
      given: frozen,
      when: approve('r1'),
      then: {
        events: [{ type: 'RefundApproved' }],
        state: { refunds: { r1: { status: 'approved' } } },
      },
    },
    {
      name: 'no cancellation request while frozen',
      given: [open(), freeze('manual')],
      when: command('RequestCancellation', { reason: 'x' }),
      then: {
        error: 'CANCELLATION_BLOCKED',
        details: { blockers: [{ kind: 'frozen', reasons: ['manual'] }] },
      },
    },
    {
      name: 'pending top-ups still settle while frozen',
      given: frozen,
      when: settle('t9'),
      then: { events: [{ type: 'TopUpSettled' }] },
    },
    {
      name: 'rejections still work while frozen',
      given: frozen,
      when: command('RejectRefund', { refundId: 'r1', reason: 'duplicate' }),
      then: { events: [{ type: 'RefundRejected' }] },
    },
    {
      name: 'freeze signals on a closed account are INVALID_TRANSITION',
      given: [
        open(),
        command('RequestCancellation', { reason: 'x' }),
        command('ConfirmCancellation', {}),
        at('2025-05-01T00:00:00Z', command('CloseAccount', {})),
      ],
      when: freeze('manual'),
      context: { now: '2025-05-02T00:00:00.000Z' },
      then: { error: 'INVALID_TRANSITION', details: { current: 'closed' } },
    },
  ];
  it.each(cases)('$name', verify);
});
