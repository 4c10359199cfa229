import { a, open, conflict, badNote, type WriteCase } from './shared';

/** Freezes, maintenance windows and integration signals. */
export const FREEZE_CASES: readonly WriteCase[] = [
  {
    route: 'freeze',
    by: 'admin',
    setup: open,
    path: (id) => `${a(id)}/freezes`,
    body: () => ({ reason: 'manual', note: 'suspicious activity' }),
    expect: (b) => expect(b).toMatchObject({ frozen: true, freezeReasons: ['manual'] }),
    invalid: [
      { body: { reason: 'failed_logins', note: 'x' }, field: 'reason' },
      { body: { reason: 'manual' }, field: 'note' },
    ],
    again: conflict('FREEZE_REASON_ALREADY_ACTIVE'),
  },
  {
    route: 'unfreeze',
    by: 'admin',
    setup: async (seed, id) => {
      await seed.open(id);
      await seed.freeze(id);
    },
    path: (id) => `${a(id)}/freezes/manual`,
    body: () => ({ note: 'verified by phone' }),
    expect: (b) => expect(b).toMatchObject({ frozen: false, freezeReasons: [] }),
    invalid: [
      { body: {}, field: 'note' },
      { path: (id) => `${a(id)}/freezes/holiday`, body: { note: 'x' }, field: 'reason' },
    ],
    again: conflict('FREEZE_REASON_NOT_ACTIVE'),
  },
  {
    route: 'startMaintenance',
    by: 'system',
    setup: open,
    path: (id) => `${a(id)}/maintenance`,
    body: () => ({ note: 'ledger migration' }),
    expect: (b) => expect(b).toMatchObject({ frozen: true, freezeReasons: ['maintenance'] }),
    invalid: badNote,
    again: conflict('FREEZE_REASON_ALREADY_ACTIVE'),
  },
  {
    route: 'endMaintenance',
    by: 'system',
    setup: async (seed, id) => {
      await seed.open(id);
      await seed.run('StartMaintenance', id, 'system', {});
    },
    path: (id) => `${a(id)}/maintenance`,
    expect: (b) => expect(b).toMatchObject({ frozen: false, changed: true }),
    invalid: badNote,
    again: { status: 200 }, // safe to repeat: accepted, nothing written
  },
  {
    route: 'recordFailedLogin',
    by: 'system',
    setup: open,
    path: (id) => `${a(id)}/login-failures`,
    expect: (b) => expect(b).toMatchObject({ frozen: false, version: 2 }),
    invalid: [
      { body: { count: 5 }, field: 'count' },
      { body: [1], field: 'body' },
    ],
    again: { status: 200 },
  },
  {
    route: 'resetPassword',
    by: 'system',
    setup: async (seed, id) => {
      await seed.open(id);
      await seed.failedLogins(id, 5);
    },
    path: (id) => `${a(id)}/password-resets`,
    expect: (b) => expect(b).toMatchObject({ frozen: false, freezeReasons: [], changed: true }),
    invalid: [{ body: { password: 'hunter2' }, field: 'password' }],
    again: { status: 200 }, // safe to repeat: accepted, nothing written
  },
  {
    route: 'markPaymentOverdue',
    by: 'system',
    setup: open,
    path: (id) => `${a(id)}/overdue`,
    body: () => ({ note: 'invoice 2026-02 unpaid' }),
    expect: (b) => expect(b).toMatchObject({ frozen: true, freezeReasons: ['overdue_payment'] }),
    invalid: badNote,
    again: conflict('FREEZE_REASON_ALREADY_ACTIVE'),
  },
  {
    route: 'settleOverdue',
    by: 'system',
    setup: async (seed, id) => {
      await seed.open(id);
      await seed.run('MarkPaymentOverdue', id, 'system', {});
    },
    path: (id) => `${a(id)}/overdue-settled`,
    expect: (b) => expect(b).toMatchObject({ frozen: false, changed: true }),
    invalid: badNote,
    again: { status: 200 }, // safe to repeat: accepted, nothing written
  },
];
