import { describe, expect, it } from '@jest/globals';
import type { Account } from '../../api/types';
import { stateDiff } from './state-diff';

const base = {
  accountId: 'acc-1',
  currency: 'EUR',
  status: 'active',
  frozen: false,
  freezeReasons: [],
  balance: { available: 50_000, held: 0, pendingIn: 0 },
  refunds: [],
  topUps: [],
} as unknown as Account;

describe('this version vs now', () => {
  it('names every difference shown, in words', () => {
    const now = {
      ...base,
      frozen: true,
      freezeReasons: ['manual'],
      balance: { available: 38_000, held: 12_000, pendingIn: 0 },
      refunds: [{ refundId: 'rf-1', status: 'requested' }],
      topUps: [{ topUpId: 'tu-1', status: 'pending' }],
    } as unknown as Account;
    expect(stateDiff(base, now)).toEqual([
      'frozen: not frozen → manual',
      'available €500.00 → €380.00',
      'held €0.00 → €120.00',
      'refund rf-1 added (now requested)',
      'top-up tu-1 added (now pending)',
    ]);
    const later = {
      ...now,
      status: 'cancellation_requested',
      refunds: [{ refundId: 'rf-1', status: 'paid' }],
    } as unknown as Account;
    expect(stateDiff(now, later)).toEqual([
      'status active → cancellation requested',
      'refund rf-1 requested → paid',
    ]);
    expect(stateDiff(base, base)).toEqual([]);
  });
});
