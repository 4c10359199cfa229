import { createAccountOps } from '@account-ops/engine';
import { MemoryEventStore } from '@account-ops/event-store';
import type { ProjectionStatus } from '@account-ops/projections';
import { accountFixtures as fx, FakeClock } from '@account-ops/testing';
import { renderState } from '../format/state-view';
import { renderDeadlines } from './deadlines';
import { renderCheck } from './projections/check';
import { renderStatusTable } from './projections/status';

describe('command output', () => {
  it('shows deadlines with how overdue they are', () => {
    const text = renderDeadlines(
      [
        {
          accountId: 'acc-1',
          kind: 'refund_approval_sla',
          key: 'r1',
          dueAt: '2026-01-01T00:00:00.000Z',
        },
        {
          accountId: 'acc-2',
          kind: 'retention_expiry',
          key: 'retention',
          dueAt: '2026-01-03T00:00:00.000Z',
        },
      ],
      new Date('2026-01-02T01:30:00.000Z'),
    );
    expect(text.split('\n')).toEqual([
      'KIND                 ACCOUNT  SUBJECT    DUE                       OVERDUE',
      '-------------------  -------  ---------  ------------------------  ----------------------',
      'refund_approval_sla  acc-1    refund r1  2026-01-01T00:00:00.000Z  yes, by 1 d 1 h',
      'retention_expiry     acc-2    retention  2026-01-03T00:00:00.000Z  no, due in 22 h 30 min',
      '2 pending, 1 overdue (at 2026-01-02T01:30:00.000Z)',
    ]);
  });

  it('lists every projection in the status table, built or not', () => {
    const balance: ProjectionStatus = {
      name: 'balance',
      version: 1,
      mode: 'async',
      stale: false,
      checkpoint: '40',
      head: '42',
      lagEvents: 2,
      lagSeconds: 3.25,
      eventsApplied: 40,
      updatedAt: '2026-01-02T00:00:00.000Z',
    };
    const lines = renderStatusTable([balance]).split('\n');
    expect(lines[0]).toMatch(
      /^NAME\s+VERSION\s+MODE\s+CHECKPOINT\s+HEAD\s+LAG EVENTS\s+LAG SECONDS/,
    );
    expect(lines[2]).toMatch(/^balance\s+1\s+async\s+40\s+42\s+2\s+3\.3\s+no\s+2026-01-02/);
    expect(lines[3]).toMatch(/^audit\s+-\s+not built/);
  });

  it('prints the balance differences', () => {
    const text = renderCheck({
      ok: false,
      checkpoint: '42',
      accountsChecked: 3,
      eventsReplayed: 42,
      differences: [{ accountId: 'acc-1', field: 'available', readModel: 6501, replay: 6500 }],
    });
    expect(text).toContain(
      'DIFFERS from the replay in 1 place (3 accounts, 42 events up to checkpoint 42)',
    );
    expect(text).toMatch(/acc-1\s+available\s+6501\s+6500/);
  });

  it('renders a replayed state with its machines, balances, refunds and top-ups', async () => {
    const store = new MemoryEventStore();
    const ops = createAccountOps({
      store,
      clock: new FakeClock(fx.NOW),
      cardFingerprintSecret: 'unit-test-card-secret',
    });
    for (const command of [...fx.funded(10_000), fx.refund('r1', 4_000), fx.topUp('t2', 500)]) {
      await ops.execute(command, fx.setUpOptions(command));
    }
    const { state, version } = await ops.load(fx.ACCOUNT_ID);
    const text = renderState(
      { accountId: fx.ACCOUNT_ID, version, headVersion: version, occurredAt: fx.NOW },
      state,
    );
    expect(text).toContain(`account acc-1 at version 6 of 6 (${fx.NOW})`);
    expect(text).toMatch(/status\s+active \(lifecycle machine: active\)/);
    expect(text).toContain('owner      Li Wei <li.wei@example.com>');
    expect(text).toMatch(/bank card\s+visa ••1111, Example Bank, holder LI WEI/);
    expect(text).toMatch(/available\s+6000 CNY\n\s+held\s+4000 CNY\n\s+pendingIn\s+500 CNY/);
    expect(text).toMatch(/top-up limits\s+single default, daily default/);
    expect(text).toContain('freeze: not frozen (freeze machine: failed_logins=inactive');
    expect(text).toMatch(
      /r1\s+4000 CNY\s+requested \(requested\)\s+0\/1\s+service_unsatisfactory\s+op-1/,
    );
    expect(text).toMatch(/t2\s+500 CNY\s+bank_transfer\s+pending\s+gateway/);
    expect(text).not.toContain(fx.VISA);
    expect(text).not.toContain('hmac');
  });
});
