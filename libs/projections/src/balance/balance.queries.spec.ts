import { accountFixtures as fx } from '@account-ops/testing';
import { AccountsDriver, forAccount, type Step } from '../testing/accounts-driver';
import { SqliteHarness } from '../testing/sqlite-harness';
import { balanceProjection } from './balance.projection';
import { balanceTotals, getBalance } from './balance.queries';

describe('balanceTotals', () => {
  it('sums every account per currency, at query time', async () => {
    const on = (id: string, steps: Step[]) => steps.map((s) => ('at' in s ? s : forAccount(id, s)));
    const driver = new AccountsDriver().run([
      ...on('cny-1', [...fx.funded(1_000), fx.refund('r1', 300)]),
      ...on('cny-2', [...fx.funded(2_000), fx.topUp('t9', 50)]),
      ...on('eur-1', [fx.open({ currency: 'EUR' }), fx.topUp('t1', 70)]),
    ]);
    const harness = new SqliteHarness([balanceProjection]).project(driver.events);
    expect(await balanceTotals(harness.reader)).toEqual([
      { currency: 'CNY', accounts: 2, available: 2_700, held: 300, pendingIn: 50 },
      { currency: 'EUR', accounts: 1, available: 0, held: 0, pendingIn: 70 },
    ]);
  });

  it('is empty without accounts', async () => {
    expect(await balanceTotals(new SqliteHarness([balanceProjection]).reader)).toEqual([]);
  });
});

describe('getBalance', () => {
  it('reads the row of one account among many', async () => {
    const driver = new AccountsDriver().run([
      ...fx.funded(1_000),
      ...[fx.open({ currency: 'EUR' }), fx.topUp('t1', 70)].map((c) => forAccount('eur-1', c)),
    ]);
    const harness = new SqliteHarness([balanceProjection]).project(driver.events);
    expect(await getBalance(harness.reader, 'eur-1')).toEqual({
      accountId: 'eur-1',
      currency: 'EUR',
      available: 0,
      held: 0,
      pendingIn: 70,
      lastVersion: 2,
      updatedAt: '2025-03-10T09:06:00.000Z',
    });
  });
});
