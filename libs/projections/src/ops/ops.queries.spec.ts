import type { RecordedEvent } from '@account-ops/event-store';
import { accountFixtures as fx } from '@account-ops/testing';
import { AccountsDriver, forAccount, type Step } from '../testing/accounts-driver';
import { SqliteHarness } from '../testing/sqlite-harness';
import { accountsInRetention, frozenAccounts, listAccounts } from './account.queries';
import { opsProjection } from './ops.projection';
import { listRefunds, refundsAwaitingApproval } from './refund.queries';
import { stalePendingTopUps } from './top-up.queries';

const c = fx.command;
const on = (accountId: string, steps: Step[]): Step[] =>
  steps.map((s) => ('at' in s ? s : forAccount(accountId, s)));
const cancel = [c('RequestCancellation', { reason: 'leaving' }), c('ConfirmCancellation', {})];

// One clock for all accounts, a minute per command from 09:00.
const driver = new AccountsDriver().run([
  ...on('acc-1', [...fx.funded(2_000_000), fx.refund('r1', 1_000), fx.refund('r2', 600_000)]),
  ...on('acc-1', [fx.approve('r2'), fx.refund('r3', 10), fx.approve('r3')]),
  ...on('acc-1', [c('MarkRefundPaidOut', { refundId: 'r3' }), fx.topUp('t2', 40)]),
  ...on('acc-2', [...fx.funded(500), fx.refund('r1', 100), c('MarkPaymentOverdue', {})]),
  ...on('acc-2', [c('Freeze', { reason: 'manual', note: 'fraud check' })]),
  ...on('acc-3', [fx.open({ currency: 'EUR' }), fx.topUp('t1', 7), c('MarkPaymentOverdue', {})]),
  ...on('acc-4', [fx.open(), ...cancel]),
  ...on('acc-5', [fx.open(), fx.topUp('t1', 9), c('FailTopUp', { topUpId: 't1', reason: 'x' })]),
  ...on('acc-6', [fx.open(), ...cancel]),
  { at: '2025-03-10T12:00:00.000Z' },
  ...on('acc-4', [c('ReactivateAccount', {}), ...cancel]),
]);
const harness = new SqliteHarness([opsProjection]).project(driver.events);

/** The instant of the first event matching, as the projection recorded it. */
function atOf(
  stream: string,
  type: string,
  match: (data: Record<string, unknown>) => boolean = () => true,
) {
  const event = driver.events.find(
    (e: RecordedEvent) =>
      e.streamId === `account-${stream}` && e.type === type && match(e.data as never),
  );
  return (event?.data as { at: string }).at;
}
const requestedAt = (stream: string, refundId: string) =>
  atOf(stream, 'RefundRequested', (d) => d.refundId === refundId);

describe('refundsAwaitingApproval', () => {
  it('lists requested and partially approved refunds, oldest first, with age and approvals', async () => {
    const now = new Date('2025-03-10T10:00:00.000Z');
    const queue = await refundsAwaitingApproval(harness.reader, now);
    expect(
      queue.map((r) => [r.accountId, r.refundId, r.status, r.approvals, r.approvedBy]),
    ).toEqual([
      ['acc-1', 'r1', 'requested', 0, []],
      ['acc-1', 'r2', 'partially_approved', 1, ['ap-1']],
      ['acc-2', 'r1', 'requested', 0, []],
    ]);
    queue.forEach((r) =>
      expect(r.ageSeconds).toBe(
        (now.getTime() - Date.parse(requestedAt(r.accountId, r.refundId))) / 1000,
      ),
    );
    expect(queue[0]).toMatchObject({
      ageSeconds: 55 * 60,
      approvalsRequired: 1,
      requestedBy: 'op-1',
    });
  });
});

describe('listRefunds', () => {
  it.each<[string, Parameters<typeof listRefunds>[1], string[]]>([
    ['everything', {}, ['acc-1/r1', 'acc-1/r2', 'acc-1/r3', 'acc-2/r1']],
    ['one status', { status: 'paid' }, ['acc-1/r3']],
    ['one account', { accountId: 'acc-2' }, ['acc-2/r1']],
    ['both', { accountId: 'acc-2', status: 'paid' }, []],
  ])('filters: %s', async (_, filter, expected) => {
    const refunds = await listRefunds(harness.reader, filter);
    expect(refunds.map((r) => `${r.accountId}/${r.refundId}`)).toEqual(expected);
  });
});

describe('frozenAccounts', () => {
  it('lists each frozen account once with every reason, longest frozen first', async () => {
    expect(await frozenAccounts(harness.reader)).toEqual([
      {
        accountId: 'acc-2',
        currency: 'CNY',
        status: 'active',
        frozenSince: atOf('acc-2', 'FreezeApplied'),
        reasons: [
          {
            reason: 'overdue_payment',
            since: atOf('acc-2', 'FreezeApplied'),
            by: 'gateway',
            note: null,
          },
          {
            reason: 'manual',
            since: atOf('acc-2', 'FreezeApplied', (d) => d.reason === 'manual'),
            by: 'admin-1',
            note: 'fraud check',
          },
        ],
      },
      expect.objectContaining({
        accountId: 'acc-3',
        currency: 'EUR',
        reasons: [expect.objectContaining({ reason: 'overdue_payment' })],
      }),
    ]);
  });
});

describe('listAccounts', () => {
  it.each<[string, Parameters<typeof listAccounts>[1], string[]]>([
    ['everything, by id', {}, ['acc-1', 'acc-2', 'acc-3', 'acc-4', 'acc-5', 'acc-6']],
    ['a status', { status: 'cancelled' }, ['acc-4', 'acc-6']],
    ['a freeze reason', { freezeReason: 'overdue_payment' }, ['acc-2', 'acc-3']],
    ['a freeze reason held by one account', { freezeReason: 'manual' }, ['acc-2']],
    ['status and reason', { status: 'active', freezeReason: 'compliance' }, []],
  ])('filters: %s', async (_, filter, expected) => {
    expect((await listAccounts(harness.reader, filter)).map((a) => a.accountId)).toEqual(expected);
  });

  it('shows every reason of an account found by one of them', async () => {
    const [account] = await listAccounts(harness.reader, { freezeReason: 'manual' });
    expect(account).toMatchObject({ frozen: true, freezeReasons: ['overdue_payment', 'manual'] });
  });

  it('marks accounts without a reason as not frozen', async () => {
    const [account] = await listAccounts(harness.reader, { status: 'active' });
    expect(account).toMatchObject({ accountId: 'acc-1', frozen: false, freezeReasons: [] });
  });
});

describe('accountsInRetention', () => {
  it('lists cancelled accounts with their closing date, the soonest first', async () => {
    const confirmedAt = (stream: string) =>
      [...driver.events]
        .reverse()
        .find((e) => e.streamId === `account-${stream}` && e.type === 'CancellationConfirmed')!;
    const closes = (stream: string) =>
      (confirmedAt(stream).data as { retentionUntil: string }).retentionUntil;
    expect(await accountsInRetention(harness.reader)).toEqual([
      {
        accountId: 'acc-6',
        currency: 'CNY',
        cancelledAt: atOf('acc-6', 'CancellationConfirmed'),
        cancellationReason: 'leaving',
        closesAt: closes('acc-6'),
      },
      // Reactivated then cancelled again: the second cancellation's dates.
      expect.objectContaining({ accountId: 'acc-4', closesAt: closes('acc-4') }),
    ]);
    expect(closes('acc-4') > closes('acc-6')).toBe(true);
  });
});

describe('stalePendingTopUps', () => {
  const initiated = (stream: string) =>
    Date.parse(atOf(stream, 'TopUpInitiated', (d) => d.topUpId !== 'seed'));

  it('lists pending top-ups older than the threshold, oldest first, with their age', async () => {
    const now = new Date(initiated('acc-3') + 3_600_000);
    const stale = await stalePendingTopUps(harness.reader, { now, olderThanSeconds: 600 });
    expect(stale.map((t) => [t.accountId, t.topUpId, t.status, t.ageSeconds])).toEqual([
      ['acc-1', 't2', 'pending', (now.getTime() - initiated('acc-1')) / 1000],
      ['acc-3', 't1', 'pending', 3_600],
    ]);
  });

  it('leaves out a top-up exactly as old as the threshold, and settled or failed ones', async () => {
    const now = new Date(initiated('acc-3') + 600_000);
    const stale = await stalePendingTopUps(harness.reader, { now, olderThanSeconds: 600 });
    expect(stale.map((t) => `${t.accountId}/${t.topUpId}`)).toEqual(['acc-1/t2']);
  });
});
