import { evolve, type DomainEvent } from '@account-ops/accounts';
import { accountFixtures as fx } from '@account-ops/testing';
import { AccountsDriver, type Step } from '../testing/accounts-driver';
import { SqliteHarness } from '../testing/sqlite-harness';
import { opsProjection } from './ops.projection';

const c = fx.command;
const A = fx.ACCOUNT_ID;
const rich = fx.funded(2_000_000);
const freeze = c('Freeze', { reason: 'manual', note: 'check' });

function project(given: readonly Step[]) {
  const driver = new AccountsDriver().run(given);
  return { driver, harness: new SqliteHarness([opsProjection]).project(driver.events) };
}

/**
 * `decide` never emits these, but evolve is total and leaves its state alone for them; the
 * ops rows do the same, by the status guards taken from the XState machines.
 */
describe('ops ignores what evolve ignores', () => {
  const stamp = { at: '2025-03-12T00:00:00.000Z', by: 'x' };
  const cases: [string, Step[], DomainEvent][] = [
    [
      'a second settlement',
      [fx.open(), fx.topUp('t1', 500), fx.settle('t1')],
      { type: 'TopUpSettled', data: { topUpId: 't1', amount: 500, currency: 'CNY', ...stamp } },
    ],
    [
      'a failure after settlement',
      [fx.open(), fx.topUp('t1', 500), fx.settle('t1')],
      {
        type: 'TopUpFailed',
        data: { topUpId: 't1', amount: 500, currency: 'CNY', reason: 'r', ...stamp },
      },
    ],
    [
      'a payout outcome for a refund awaiting approval',
      [...rich, fx.refund('r1', 1_000)],
      {
        type: 'RefundPaidOut',
        data: { refundId: 'r1', amount: 1_000, currency: 'CNY', payoutReference: null, ...stamp },
      },
    ],
    [
      'an approval of a rejected refund',
      [...rich, fx.refund('r1', 1_000), c('RejectRefund', { refundId: 'r1', reason: 'no' })],
      {
        type: 'RefundApproved',
        data: {
          refundId: 'r1',
          approval: 1,
          approvalsRequired: 1,
          final: true,
          note: null,
          ...stamp,
        },
      },
    ],
    [
      'a second request with the same id',
      [...rich, fx.refund('r1', 1_000)],
      {
        type: 'RefundRequested',
        data: {
          refundId: 'r1',
          amount: 9,
          currency: 'CNY',
          reason: 'other',
          note: null,
          approvalsRequired: 1,
          approvalDeadline: stamp.at,
          ...stamp,
        },
      },
    ],
    [
      'a reason applied twice',
      [fx.open(), freeze],
      {
        type: 'FreezeApplied',
        data: { reason: 'manual', note: 'again', trigger: 'Freeze', ...stamp },
      },
    ],
    [
      'a reason lifted that is not active',
      [fx.open(), freeze],
      {
        type: 'FreezeLifted',
        data: { reason: 'compliance', note: null, trigger: 'Unfreeze', ...stamp },
      },
    ],
    [
      'a reactivation of an active account',
      [fx.open()],
      { type: 'AccountReactivated', data: { note: null, ...stamp } },
    ],
    [
      'a closure before cancellation',
      [fx.open()],
      {
        type: 'AccountClosed',
        data: { retentionUntil: stamp.at, personalDataErased: true, ...stamp },
      },
    ],
  ];

  it.each(cases)('%s', (_, given, event) => {
    const { driver, harness } = project(given);
    // The premise: evolve returns the very same state for this event.
    expect(evolve(driver.state(A), event)).toBe(driver.state(A));
    const tables = opsProjection.tables.map((t) => t.name);
    const before = tables.map((t) => harness.rows(t));
    harness.project(driver.log.append(A, [event], { actor: fx.ADMIN }));
    expect(tables.map((t) => harness.rows(t))).toEqual(before);
  });
});
