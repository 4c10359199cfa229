import { accountConfig } from '../config/account-config';
import { verify, type Case } from '../testing/given-when-then';
import { ADMIN, COMPLIANCE, NOW, command, open } from '../testing/fixtures';
import {
  failedLogin,
  failuresAt,
  fourRecentFailures,
  freezeFor,
  lockedOut,
} from '../testing/freeze-signals';

const freeze = (reason: 'manual' | 'compliance', by = ADMIN) =>
  freezeFor(reason, 'investigation 7', by);
const overdue = command('MarkPaymentOverdue', {});

describe('SPEC §5 ways in', () => {
  const cases: Case[] = [
    {
      name: 'the 5th failed login within 15 minutes freezes the account with failed_logins',
      given: [open(), ...fourRecentFailures],
      when: failedLogin,
      then: {
        events: [
          {
            type: 'FailedLoginRecorded',
            data: { failuresInWindow: 5, windowStart: '2025-03-10T08:45:00.000Z' },
          },
          {
            type: 'FreezeApplied',
            data: { reason: 'failed_logins', trigger: 'RecordFailedLogin', by: 'gateway' },
          },
        ],
        state: {
          frozen: true,
          freezeReasons: [{ reason: 'failed_logins', since: NOW, by: 'gateway' }],
          failedLogins: [],
        },
      },
    },
    {
      name: 'the 4th failed login does not freeze',
      given: [open(), ...fourRecentFailures.slice(1)],
      when: failedLogin,
      then: {
        events: [{ type: 'FailedLoginRecorded', data: { failuresInWindow: 4 } }],
        state: { frozen: false },
      },
    },
    {
      name: 'failures older than the window do not count',
      given: [open(), ...failuresAt('2025-03-10T08:44:59.999Z'), ...fourRecentFailures.slice(1)],
      when: failedLogin,
      then: { events: [{ type: 'FailedLoginRecorded', data: { failuresInWindow: 4 } }] },
    },
    {
      name: 'a failure exactly 15 minutes ago still counts',
      given: [open(), ...failuresAt('2025-03-10T08:45:00Z'), ...fourRecentFailures.slice(1)],
      when: failedLogin,
      then: { events: [{ type: 'FailedLoginRecorded' }, { type: 'FreezeApplied' }] },
    },
    {
      name: 'threshold and window are configurable',
      given: [open(), ...failuresAt('2025-03-10T08:00:00Z')],
      when: failedLogin,
      context: { config: accountConfig({ failedLoginThreshold: 2, failedLoginWindowMinutes: 60 }) },
      then: {
        events: [
          { type: 'FailedLoginRecorded' },
          { type: 'FreezeApplied', data: { reason: 'failed_logins' } },
        ],
      },
    },
    {
      name: 'failed logins while already frozen for them are recorded without a second freeze',
      given: [...lockedOut, ...fourRecentFailures],
      when: failedLogin,
      then: { events: [{ type: 'FailedLoginRecorded' }] },
    },
    {
      name: 'MarkPaymentOverdue freezes with overdue_payment',
      given: [open()],
      when: overdue,
      then: {
        events: [
          {
            type: 'FreezeApplied',
            data: { reason: 'overdue_payment', trigger: 'MarkPaymentOverdue' },
          },
        ],
        state: { frozen: true },
      },
    },
    {
      name: 'an admin freezes with reason manual and a note',
      given: [open()],
      when: freeze('manual'),
      then: {
        events: [
          {
            type: 'FreezeApplied',
            data: { reason: 'manual', note: 'investigation 7', by: 'admin-1' },
          },
        ],
      },
    },
    {
      name: 'an admin without the compliance role may not freeze for compliance: FORBIDDEN',
      given: [open()],
      when: freeze('compliance', ADMIN),
      then: { error: 'FORBIDDEN', details: { command: 'Freeze', allowedRoles: ['compliance'] } },
    },
    {
      name: 'the compliance role freezes for compliance',
      given: [open()],
      when: freeze('compliance', COMPLIANCE),
      then: { events: [{ type: 'FreezeApplied', data: { reason: 'compliance' } }] },
    },
    {
      name: 'the compliance role alone may not apply a manual freeze: FORBIDDEN',
      given: [open()],
      when: freeze('manual', COMPLIANCE),
      then: { error: 'FORBIDDEN', details: { allowedRoles: ['admin'] } },
    },
    {
      name: 'Freeze takes only manual or compliance: other reasons have their own signals',
      given: [open()],
      when: command('Freeze', { reason: 'maintenance' as 'manual', note: 'x' }),
      then: { error: 'VALIDATION_FAILED', details: { field: 'reason' } },
    },
    {
      name: 'Freeze without a note is VALIDATION_FAILED',
      given: [open()],
      when: command('Freeze', { reason: 'manual', note: ' ' }),
      then: { error: 'VALIDATION_FAILED', details: { field: 'note' } },
    },
    {
      name: 'StartMaintenance freezes with maintenance',
      given: [open()],
      when: command('StartMaintenance', { note: 'core banking upgrade' }),
      then: {
        events: [
          { type: 'FreezeApplied', data: { reason: 'maintenance', note: 'core banking upgrade' } },
        ],
      },
    },
    {
      name: 'applying a reason that is already active is FREEZE_REASON_ALREADY_ACTIVE',
      given: [open(), overdue],
      when: overdue,
      then: {
        error: 'FREEZE_REASON_ALREADY_ACTIVE',
        details: { reason: 'overdue_payment', active: ['overdue_payment'] },
      },
    },
    {
      name: 'reasons accumulate: the account is frozen while at least one is active',
      given: [open(), overdue, freeze('compliance', COMPLIANCE)],
      when: freeze('manual'),
      then: {
        events: [{ type: 'FreezeApplied' }],
        state: {
          frozen: true,
          freezeReasons: [
            { reason: 'overdue_payment' },
            { reason: 'compliance' },
            { reason: 'manual' },
          ],
        },
      },
    },
  ];
  it.each(cases)('$name', verify);
});
