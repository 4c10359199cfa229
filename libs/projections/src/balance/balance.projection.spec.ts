import type { Balance } from '@account-ops/accounts';
import type { RecordedEvent } from '@account-ops/event-store';
import { accountFixtures as fx } from '@account-ops/testing';
import { AccountsDriver, type Step } from '../testing/accounts-driver';
import { PLAN } from '../testing/scenarios';
import { SqliteHarness } from '../testing/sqlite-harness';
import { balanceProjection } from './balance.projection';
import { getBalance } from './balance.queries';

const c = fx.command;
const A = fx.ACCOUNT_ID;
const funded = fx.funded(100_000);
const fail = (topUpId: string) => c('FailTopUp', { topUpId, reason: 'declined' });
const paidOut = (refundId: string) => c('MarkRefundPaidOut', { refundId });
const payoutFailed = (refundId: string) => c('MarkRefundPayoutFailed', { refundId, reason: 'x' });

/** Given these steps, the account's balance row holds this. */
const cases: { name: string; given: Step[]; balance: Balance }[] = [
  { name: 'opening: zeros', given: [fx.open()], balance: { available: 0, held: 0, pendingIn: 0 } },
  {
    name: 'an initiated top-up is pending',
    given: [fx.open(), fx.topUp('t1', 5_000)],
    balance: { available: 0, held: 0, pendingIn: 5_000 },
  },
  {
    name: 'a settled top-up moves from pending to available',
    given: [fx.open(), fx.topUp('t1', 5_000), fx.topUp('t2', 700), fx.settle('t1')],
    balance: { available: 5_000, held: 0, pendingIn: 700 },
  },
  {
    name: 'a failed top-up leaves pending and never becomes available',
    given: [fx.open(), fx.topUp('t1', 5_000), fail('t1')],
    balance: { available: 0, held: 0, pendingIn: 0 },
  },
  {
    name: 'a refund request moves the amount from available to held',
    given: [...funded, fx.refund('r1', 30_000)],
    balance: { available: 70_000, held: 30_000, pendingIn: 0 },
  },
  {
    name: 'a rejection releases the hold',
    given: [
      ...funded,
      fx.refund('r1', 30_000),
      c('RejectRefund', { refundId: 'r1', reason: 'no' }),
    ],
    balance: { available: 100_000, held: 0, pendingIn: 0 },
  },
  {
    name: 'a cancellation by the requester releases the hold',
    given: [...funded, fx.refund('r1', 30_000), c('CancelRefund', { refundId: 'r1' })],
    balance: { available: 100_000, held: 0, pendingIn: 0 },
  },
  {
    name: 'an expiry after the SLA releases the hold',
    given: [
      ...funded,
      fx.refund('r1', 30_000),
      { at: '2025-03-14T00:00:00.000Z' },
      c('ExpireRefund', { refundId: 'r1' }),
    ],
    balance: { available: 100_000, held: 0, pendingIn: 0 },
  },
  {
    name: 'approval and payout start keep the hold',
    given: [...funded, fx.refund('r1', 30_000), fx.approve('r1')],
    balance: { available: 70_000, held: 30_000, pendingIn: 0 },
  },
  {
    name: 'a payout removes the hold: the money left',
    given: [...funded, fx.refund('r1', 30_000), fx.approve('r1'), paidOut('r1')],
    balance: { available: 70_000, held: 0, pendingIn: 0 },
  },
  {
    name: 'a failed payout keeps the hold, and so does its retry',
    given: [
      ...funded,
      fx.refund('r1', 30_000),
      fx.approve('r1'),
      payoutFailed('r1'),
      c('RetryRefundPayout', { refundId: 'r1' }),
    ],
    balance: { available: 70_000, held: 30_000, pendingIn: 0 },
  },
  {
    name: 'cancelling after a failed payout releases the hold',
    given: [
      ...funded,
      fx.refund('r1', 30_000),
      fx.approve('r1'),
      payoutFailed('r1'),
      c('CancelRefund', { refundId: 'r1' }, fx.APPROVER),
    ],
    balance: { available: 100_000, held: 0, pendingIn: 0 },
  },
  {
    name: 'freezes, card changes and failed logins change no amount',
    given: [
      ...funded,
      fx.card(fx.MASTERCARD),
      c('RecordFailedLogin', {}),
      c('Freeze', { reason: 'manual', note: 'n' }),
    ],
    balance: { available: 100_000, held: 0, pendingIn: 0 },
  },
  {
    // 3,000 per 30 days, cancelled on day 10: 2,000 credited, then everything paid out.
    name: 'a confirmed cancellation credits the prorated plan, then pays everything out',
    given: [
      fx.open({ plan: PLAN }),
      fx.card(),
      fx.topUp('t1', 5_000),
      fx.settle('t1'),
      c('RequestCancellation', { reason: 'leaving' }),
      c('ConfirmCancellation', {}),
    ],
    balance: { available: 0, held: 0, pendingIn: 0 },
  },
];

function project(given: Step[]) {
  const driver = new AccountsDriver().run(given);
  const harness = new SqliteHarness([balanceProjection]).project(driver.events);
  return { driver, harness };
}

describe('balance projection', () => {
  it.each(cases)('$name', async ({ given, balance }) => {
    const { driver, harness } = project(given);
    const last = driver.events[driver.events.length - 1] as RecordedEvent;
    expect(await getBalance(harness.reader, A)).toEqual({
      accountId: A,
      currency: 'CNY',
      ...balance,
      lastVersion: driver.events.length,
      updatedAt: (last.data as { at: string }).at,
    });
    // And what replay says, so a rule changed in evolve shows up here too.
    expect(balance).toEqual(driver.state(A).balance);
  });

  it('records the prorated credit before the payout takes it out', async () => {
    const { driver, harness } = project([
      fx.open({ plan: PLAN }),
      fx.card(),
      c('RequestCancellation', { reason: 'x' }),
    ]);
    const [statement, payout] = driver.send(c('ConfirmCancellation', {}));
    expect([statement?.type, payout?.type]).toEqual(['FinalStatementIssued', 'FinalPayoutIssued']);
    harness.project([statement as RecordedEvent]);
    expect(await getBalance(harness.reader, A)).toMatchObject({ available: 2_000 });
    harness.project([payout as RecordedEvent]);
    expect(await getBalance(harness.reader, A)).toMatchObject({ available: 0 });
  });

  it('has no row for an account it has not seen opened', async () => {
    const { harness } = project([fx.open()]);
    expect(await getBalance(harness.reader, 'acc-unknown')).toBeUndefined();
  });

  it('advances last_version on an event type it does not know, changing no amount', async () => {
    const { driver, harness } = project([...funded]);
    const [first] = driver.events as RecordedEvent[];
    const unknown = { ...(first as RecordedEvent), type: 'SomethingNew', version: 5 };
    harness.project([{ ...unknown, data: { amount: 1, at: '2025-03-11T00:00:00.000Z', by: 'x' } }]);
    expect(await getBalance(harness.reader, A)).toMatchObject({
      available: 100_000,
      lastVersion: 5,
      updatedAt: '2025-03-11T00:00:00.000Z',
    });
  });

  it('ignores the balance of streams that are not accounts', async () => {
    const { driver, harness } = project([fx.open()]);
    harness.project(driver.events.map((e) => ({ ...e, streamId: `billing-${e.streamId}` })));
    expect(harness.rows('balance_accounts')).toHaveLength(1);
  });
});
