import type { PlanState } from '../state/account-state';
import { dateOfDayNumber, utcDayNumber } from '../time/instant';

/** The plan part of the final statement. */
export type Proration = {
  proratedCredit: number;
  unusedDays: number;
  cycleIndex: number | null;
  cycleEndsOn: string | null;
};

const NONE: Proration = { proratedCredit: 0, unusedDays: 0, cycleIndex: null, cycleEndsOn: null };

/**
 * SPEC §6: floor(price × unusedDays / cycleDays) for the cycle running on `now`'s UTC
 * day. The cancellation day counts as used. Before the first cycle starts nothing is
 * credited, and a cycle already credited by an earlier cancellation is not credited again.
 */
export function prorate(plan: PlanState | null, now: string): Proration {
  if (!plan) return NONE;
  const elapsed = utcDayNumber(now) - utcDayNumber(plan.cycleStart);
  if (elapsed < 0) return NONE;
  const cycleIndex = Math.floor(elapsed / plan.cycleDays);
  const cycleEndDay = utcDayNumber(plan.cycleStart) + (cycleIndex + 1) * plan.cycleDays;
  const unusedDays = plan.cycleDays - (elapsed % plan.cycleDays) - 1;
  const cycleEndsOn = dateOfDayNumber(cycleEndDay - 1);
  if (plan.creditedCycleIndex === cycleIndex) return { ...NONE, cycleIndex, cycleEndsOn };
  // BigInt: price × days can pass 2^53 even though the quotient never exceeds the price.
  const credit = (BigInt(plan.pricePerCycle) * BigInt(unusedDays)) / BigInt(plan.cycleDays);
  return { proratedCredit: Number(credit), unusedDays, cycleIndex, cycleEndsOn };
}
