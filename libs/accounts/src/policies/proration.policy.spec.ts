import type { PlanState } from '../state/account-state';
import { prorate } from './proration.policy';

const plan = (overrides: Partial<PlanState> = {}): PlanState => ({
  pricePerCycle: 3_000,
  cycleDays: 30,
  cycleStart: '2025-03-01',
  creditedCycleIndex: null,
  ...overrides,
});

describe('prorated credit: floor(price × unusedDays / cycleDays), the cancellation day counted as used', () => {
  it.each([
    ['on the first day of the cycle', '2025-03-01T23:59:59Z', 29, 2_900],
    ['on the last day of the cycle', '2025-03-30T00:00:00Z', 0, 0],
    ['on the first day of the next cycle', '2025-03-31T00:00:00Z', 29, 2_900],
    ['mid-cycle, rounding down', '2025-03-11T12:00:00Z', 19, 1_900],
  ])('%s', (_, now, unusedDays, proratedCredit) => {
    expect(prorate(plan(), now)).toMatchObject({ unusedDays, proratedCredit });
  });

  it('rounds down, never up', () => {
    expect(
      prorate(plan({ pricePerCycle: 1_000, cycleDays: 7 }), '2025-03-01T00:00:00Z').proratedCredit,
    ).toBe(857);
  });

  it('stays exact where price × days passes 2^53', () => {
    const price = Number.MAX_SAFE_INTEGER;
    const credit = prorate(
      plan({ pricePerCycle: price, cycleDays: 366 }),
      '2025-03-01T00:00:00Z',
    ).proratedCredit;
    expect(credit).toBe(Number((BigInt(price) * 365n) / 366n));
  });

  it('credits nothing without a plan, before the first cycle, or for a cycle already credited', () => {
    expect(prorate(null, '2025-03-10T00:00:00Z').proratedCredit).toBe(0);
    expect(prorate(plan({ cycleStart: '2025-03-11' }), '2025-03-10T00:00:00Z').proratedCredit).toBe(
      0,
    );
    expect(prorate(plan({ creditedCycleIndex: 0 }), '2025-03-10T00:00:00Z').proratedCredit).toBe(0);
    expect(
      prorate(plan({ creditedCycleIndex: 0 }), '2025-04-10T00:00:00Z').proratedCredit,
    ).toBeGreaterThan(0);
  });
});
