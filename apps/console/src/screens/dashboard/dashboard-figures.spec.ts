import { describe, expect, it } from '@jest/globals';
import type { QueuedRefund } from '../../api/types';
import { dashboardFigures, startOfDayUtc, type DashboardInputs } from './dashboard-figures';

const NOW = Date.parse('2026-03-10T12:00:00Z');
const at = (hours: number) => new Date(NOW + hours * 3_600_000).toISOString();
const waiting = (amount: number, currency: string, deadlineHours: number) =>
  ({ amount, currency, approvalDeadline: at(deadlineHours) }) as QueuedRefund;

const inputs: DashboardInputs = {
  waiting: [
    waiting(1000, 'EUR', 2),
    waiting(2500, 'EUR', 30),
    waiting(700, 'USD', -0.5),
    waiting(1, 'USD', 4),
  ],
  expired: [
    { updatedAt: at(-1) },
    { updatedAt: at(-11.5) },
    { updatedAt: at(-12.5) },
  ] as unknown as DashboardInputs['expired'],
  frozen: [
    { reasons: [{ reason: 'manual' }, { reason: 'failed_logins' }] },
    { reasons: [{ reason: 'manual' }] },
  ] as unknown as DashboardInputs['frozen'],
  staleTopUps: [{ amount: 500, currency: 'EUR' }] as unknown as DashboardInputs['staleTopUps'],
  decisions: [
    { type: 'RefundApproved', actorId: 'ap-1', occurredAt: at(-1) },
    { type: 'RefundRejected', actorId: 'ap-1', occurredAt: at(-2) },
    { type: 'RefundApproved', actorId: 'ap-2', occurredAt: at(-3) },
    { type: 'RefundApproved', actorId: 'ap-2', occurredAt: at(-13) },
  ],
  projections: [
    { lagEvents: 0, lagSeconds: 0 },
    { lagEvents: 12, lagSeconds: 3 },
  ] as unknown as DashboardInputs['projections'],
};

describe('the lead’s dashboard figures', () => {
  const f = dashboardFigures(inputs, NOW);

  it('counts and sums the waiting refunds per currency', () => {
    expect(f.waitingTotal).toBe(4);
    expect(f.waiting).toEqual([
      { currency: 'EUR', count: 2, value: 3500 },
      { currency: 'USD', count: 2, value: 701 },
    ]);
  });

  it('due within 4 h excludes the overdue and includes the 4 h edge; expired today from midnight UTC', () => {
    expect([f.dueWithin4h, f.overdue]).toEqual([2, 1]);
    expect(startOfDayUtc(NOW)).toBe(Date.parse('2026-03-10T00:00:00Z'));
    expect(f.expiredToday).toBe(2);
  });

  it('frozen accounts by reason (an account with two reasons counts under both)', () => {
    expect(f.frozenAccounts).toBe(2);
    expect(f.frozenByReason).toEqual([
      { reason: 'manual', count: 2 },
      { reason: 'failed_logins', count: 1 },
    ]);
  });

  it('decisions per approver today only, and the worst projection lag', () => {
    expect(f.decisionsByApprover).toEqual([
      { approver: 'ap-1', approved: 1, rejected: 1 },
      { approver: 'ap-2', approved: 1, rejected: 0 },
    ]);
    expect(
      dashboardFigures({ ...inputs, decisions: undefined }, NOW).decisionsByApprover,
    ).toBeUndefined();
    expect([f.maxLagEvents, f.maxLagSeconds]).toEqual([12, 3]);
    expect(f.staleTopUps).toEqual([{ currency: 'EUR', count: 1, value: 500 }]);
  });
});
