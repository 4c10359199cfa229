import { accountFixtures as fx } from '@account-ops/testing';
import { AccountsDriver, type Step } from '../testing/accounts-driver';
import { SqliteHarness } from '../testing/sqlite-harness';
import { listAccounts, type AccountView } from './account.queries';
import { everyEventStory } from '../testing/scenarios';
import { opsProjection } from './ops.projection';
import { listRefunds, type RefundView } from './refund.queries';

const c = fx.command;
const A = fx.ACCOUNT_ID;
const rich = fx.funded(2_000_000);
const big = fx.refund('r1', 600_000); // above 500,000: two approvers
const failed = c('MarkRefundPayoutFailed', { refundId: 'r1', reason: 'bounced' });
const freeze = c('Freeze', { reason: 'manual', note: 'check' });

function project(given: readonly Step[]) {
  const driver = new AccountsDriver().run(given);
  return { driver, harness: new SqliteHarness([opsProjection]).project(driver.events) };
}

const refundCases: [string, Step[], Partial<RefundView>][] = [
  [
    'requested',
    [...rich, fx.refund('r1', 1_000)],
    { status: 'requested', amount: 1_000, currency: 'CNY', reason: 'service_unsatisfactory' },
  ],
  [
    'one of two approvals',
    [...rich, big, fx.approve('r1')],
    { status: 'partially_approved', approvalsRequired: 2, approvals: 1, approvedBy: ['ap-1'] },
  ],
  [
    'final approval starts the payout',
    [...rich, big, fx.approve('r1'), fx.approve('r1', fx.APPROVER_2)],
    { status: 'payout_pending', approvals: 2, approvedBy: ['ap-1', 'ap-2'], payoutAttempts: 1 },
  ],
  [
    'approved while frozen: the payout waits',
    [...rich, fx.refund('r1', 1_000), freeze, fx.approve('r1')],
    { status: 'approved', approvedBy: ['ap-1'], payoutAttempts: 0 },
  ],
  [
    'the unfreeze starts the waiting payout',
    [
      ...rich,
      fx.refund('r1', 1_000),
      freeze,
      fx.approve('r1'),
      c('Unfreeze', { reason: 'manual', note: 'ok' }),
    ],
    { status: 'payout_pending', payoutAttempts: 1 },
  ],
  [
    'paid',
    [...rich, fx.refund('r1', 1_000), fx.approve('r1'), c('MarkRefundPaidOut', { refundId: 'r1' })],
    { status: 'paid', decidedBy: null },
  ],
  [
    'payout failed',
    [...rich, fx.refund('r1', 1_000), fx.approve('r1'), failed],
    { status: 'payout_failed', payoutFailureReason: 'bounced' },
  ],
  [
    'payout retried',
    [
      ...rich,
      fx.refund('r1', 1_000),
      fx.approve('r1'),
      failed,
      c('RetryRefundPayout', { refundId: 'r1' }),
    ],
    { status: 'payout_pending', payoutAttempts: 2, payoutFailureReason: null },
  ],
  [
    'rejected',
    [...rich, big, fx.approve('r1'), c('RejectRefund', { refundId: 'r1', reason: 'no' })],
    { status: 'rejected', decidedBy: 'ap-1', decisionReason: 'no', approvedBy: ['ap-1'] },
  ],
  [
    'cancelled by the requester',
    [...rich, fx.refund('r1', 1_000), c('CancelRefund', { refundId: 'r1' })],
    { status: 'cancelled', decidedBy: 'op-1', decisionReason: null },
  ],
  [
    'cancelled after a failed payout',
    [
      ...rich,
      fx.refund('r1', 1_000),
      fx.approve('r1'),
      failed,
      c('CancelRefund', { refundId: 'r1', reason: 'gone' }, fx.APPROVER),
    ],
    {
      status: 'cancelled',
      decidedBy: 'ap-1',
      decisionReason: 'gone',
      payoutFailureReason: 'bounced',
    },
  ],
  [
    'expired',
    [
      ...rich,
      fx.refund('r1', 1_000),
      { at: '2025-03-14T00:00:00.000Z' },
      c('ExpireRefund', { refundId: 'r1' }),
    ],
    { status: 'expired', decidedBy: 'gateway', decisionReason: 'approval_sla_expired' },
  ],
];

const accountCases: [string, Step[], Partial<AccountView>][] = [
  ['opened', [fx.open()], { status: 'active', currency: 'CNY', cancellationRequestedAt: null }],
  [
    'cancellation requested',
    [fx.open(), c('RequestCancellation', { reason: 'leaving' })],
    { status: 'cancellation_requested', cancellationReason: 'leaving', retentionUntil: null },
  ],
  [
    'cancellation withdrawn',
    [fx.open(), c('RequestCancellation', { reason: 'leaving' }), c('WithdrawCancellation', {})],
    { status: 'active', cancellationReason: null, cancellationRequestedAt: null },
  ],
  [
    'cancelled: retention runs 30 days from the confirmation',
    [fx.open(), c('RequestCancellation', { reason: 'leaving' }), c('ConfirmCancellation', {})],
    {
      status: 'cancelled',
      cancelledAt: '2025-03-10T09:03:00.000Z',
      retentionUntil: '2025-04-09T09:03:00.000Z',
    },
  ],
  [
    'reactivated',
    [
      fx.open(),
      c('RequestCancellation', { reason: 'x' }),
      c('ConfirmCancellation', {}),
      c('ReactivateAccount', {}),
    ],
    { status: 'active', cancelledAt: null, retentionUntil: null, cancellationReason: null },
  ],
  [
    'closed when retention ends, keeping its dates',
    [
      fx.open(),
      c('RequestCancellation', { reason: 'x' }),
      c('ConfirmCancellation', {}),
      { at: '2025-04-10T00:00:00.000Z' },
      c('CloseAccount', {}),
    ],
    {
      status: 'closed',
      retentionUntil: '2025-04-09T09:03:00.000Z',
      closedAt: '2025-04-10T00:01:00.000Z',
    },
  ],
  [
    'frozen for two reasons, oldest first',
    [fx.open(), c('MarkPaymentOverdue', {}), freeze],
    { frozen: true, freezeReasons: ['overdue_payment', 'manual'] },
  ],
  [
    'a lifted reason leaves the others',
    [fx.open(), c('MarkPaymentOverdue', {}), freeze, c('SettleOverdue', {})],
    { frozen: true, freezeReasons: ['manual'] },
  ],
];

describe('ops projection', () => {
  it.each(refundCases)('refund %s', async (_, given, expected) => {
    const { driver, harness } = project(given);
    const [refund] = await listRefunds(harness.reader, { accountId: A });
    expect(refund).toMatchObject({ ...expected, refundId: 'r1', requestedBy: 'op-1' });
    expect(refund?.status).toBe(driver.state(A).refunds['r1']?.status);
  });

  it.each(accountCases)('account %s', async (_, given, expected) => {
    const { driver, harness } = project(given);
    const [account] = await listAccounts(harness.reader);
    expect(account).toMatchObject({ ...expected, accountId: A });
    expect(account?.status).toBe(driver.state(A).status);
  });

  it.each<[string, Step[], Record<string, unknown>]>([
    ['pending', [fx.open(), fx.topUp('t1', 500)], { status: 'pending', completed_at: null }],
    [
      'settled',
      [fx.open(), fx.topUp('t1', 500), fx.settle('t1')],
      { status: 'settled', completed_at: '2025-03-10T09:03:00.000Z' },
    ],
    [
      'failed',
      [fx.open(), fx.topUp('t1', 500), c('FailTopUp', { topUpId: 't1', reason: 'declined' })],
      { status: 'failed', failure_reason: 'declined' },
    ],
  ])('top-up %s', (_, given, expected) => {
    const { harness } = project(given);
    expect(harness.rows('ops_top_ups')).toEqual([
      expect.objectContaining({
        top_up_id: 't1',
        amount: '500',
        method: 'bank_transfer',
        initiated_by: 'gateway',
        ...expected,
      }),
    ]);
  });

  it('keeps who froze the account, since when and why', () => {
    const { harness } = project([fx.open(), freeze]);
    expect(harness.rows('ops_freezes')).toEqual([
      {
        account_id: A,
        reason: 'manual',
        since: '2025-03-10T09:02:00.000Z',
        frozen_by: 'admin-1',
        note: 'check',
      },
    ]);
  });
});

describe('ops projection at closure', () => {
  it('erases every free text of the closed account’s rows; codes and money stay', async () => {
    const { driver, harness } = project(everyEventStory(A));
    const rows = [
      ...harness.rows('ops_refunds'),
      ...harness.rows('ops_freezes'),
      ...harness.rows('ops_accounts'),
      ...harness.rows('ops_top_ups'),
    ];
    const text = JSON.stringify(rows);
    for (const words of ['declined', 'duplicate request', 'customer changed mind', 'bounced'])
      expect(text).not.toContain(words);
    const refunds = await listRefunds(harness.reader, { accountId: A });
    const byId = new Map(refunds.map((r) => [r.refundId, r]));
    expect(byId.get('r2')).toMatchObject({ status: 'rejected', decisionReason: '[erased]' });
    expect(byId.get('r4')).toMatchObject({ note: '[erased]', payoutFailureReason: '[erased]' });
    expect(byId.get('r6')).toMatchObject({ decisionReason: 'approval_sla_expired', amount: 6_000 });
    expect(byId.get('r1')?.note).toBeNull();
    const [account] = await listAccounts(harness.reader);
    expect(account).toMatchObject({ status: 'closed', cancellationReason: '[erased]' });
    expect(driver.events.at(-1)?.type).toBe('AccountClosed');
  });
});
