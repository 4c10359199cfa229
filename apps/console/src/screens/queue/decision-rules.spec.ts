import { describe, expect, it } from '@jest/globals';
import type { Account, Refund } from '../../api/types';
import { approvalBlocker, decisionWarnings, refundChanges } from './decision-rules';

const NOW = Date.parse('2026-03-10T12:00:00Z');

const refund: Refund = {
  refundId: 'rf-1',
  amount: 30_000,
  status: 'requested',
  reason: 'technical_issue',
  note: null,
  requestedBy: 'op-1',
  requestedAt: '2026-03-10T10:00:00Z',
  approvedBy: [],
  approvalDeadline: '2026-03-13T10:00:00Z',
  decidedBy: null,
  decisionReason: null,
  payoutAttempts: 0,
  payoutFailureReason: null,
  updatedAt: '2026-03-10T10:00:00Z',
};

const account = (over: Partial<Account> = {}): Account =>
  ({
    accountId: 'acc-1',
    currency: 'EUR',
    status: 'active',
    frozen: false,
    freezeReasons: [],
    freezes: [],
    balance: { available: 50_000, held: 30_000, pendingIn: 0 },
    bankCard: { last4: '1111', brand: 'visa', bankName: 'Bank', changedAt: '2026-01-01T00:00:00Z' },
    ...over,
  }) as Account;

const kinds = (a: Account, r: Refund, required?: number) =>
  decisionWarnings(a, r, required, NOW).map((w) => `${w.tone}:${w.kind}`);

describe('what an approver is told before deciding', () => {
  it('puts a freeze first, with its reason, who and the note', () => {
    const frozen = account({
      frozen: true,
      freezeReasons: ['manual'],
      freezes: [
        {
          reason: 'manual',
          since: '2026-03-09T08:00:00Z',
          by: 'admin-1',
          note: 'customer disputes the refund amount',
        },
      ],
    });
    const [first] = decisionWarnings(frozen, refund, 1, NOW);
    expect(first?.tone).toBe('danger');
    expect(first?.text).toMatch(
      /^Account frozen: Manual since .* by admin-1 — “customer disputes the refund amount”$/,
    );
  });

  it('weighs the amount against what is available: a warning only when it is more', () => {
    expect(kinds(account(), refund)).toEqual(['info:amount']);
    const poor = account({ balance: { available: 10_000, held: 30_000, pendingIn: 0 } });
    const [amount] = decisionWarnings(poor, refund, 1, NOW);
    expect(amount?.tone).toBe('warn');
    expect(amount?.text).toContain('more than the account has left');
  });

  it('names the two-approver rule and whether mine is the final approval', () => {
    const first = decisionWarnings(account(), refund, 2, NOW).find(
      (w) => w.kind === 'two-approvers',
    );
    expect(first?.text).toMatch(/Needs 2 approvers: yours is approval 1/);
    const second = decisionWarnings(account(), { ...refund, approvedBy: ['ap-2'] }, 2, NOW).find(
      (w) => w.kind === 'two-approvers',
    );
    expect(second?.text).toMatch(/approved so far by ap-2\): yours is the final approval/);
    expect(kinds(account(), refund, 1)).not.toContain('warn:two-approvers');
  });

  it('warns of a card changed within a week, not of an older one', () => {
    const recent = account({
      bankCard: { last4: '4242', brand: 'visa', bankName: 'B', changedAt: '2026-03-08T12:00:00Z' },
    });
    expect(kinds(recent, refund)).toContain('warn:card-change');
    expect(kinds(account(), refund)).not.toContain('warn:card-change');
  });
});

describe('when Approve is not offered', () => {
  it.each([
    [
      { ...refund, status: 'rejected' },
      'ap-1',
      false,
      true,
      /rejected: there is nothing to approve/,
    ],
    [refund, 'op-1', false, true, /You requested this refund/],
    [{ ...refund, approvedBy: ['ap-1'] }, 'ap-1', false, true, /approved this refund already/],
    [refund, 'ap-1', true, false, /no authenticator/],
  ])('%#: refuses with the reason', (r, actor, code, factor, reason) => {
    expect(approvalBlocker(r, actor, code, factor)).toMatch(reason);
  });

  it('offers it otherwise, also when a code will be asked and can be given', () => {
    expect(approvalBlocker(refund, 'ap-1', true, true)).toBeNull();
    expect(
      approvalBlocker(
        { ...refund, status: 'partially_approved', approvedBy: ['ap-2'] },
        'ap-1',
        false,
        false,
      ),
    ).toBeNull();
  });
});

describe('what changed, after a 409', () => {
  it('names the new status with who decided and why, and approvals made meanwhile', () => {
    expect(
      refundChanges(refund, {
        ...refund,
        status: 'rejected',
        decidedBy: 'ap-2',
        decisionReason: 'duplicate',
      }),
    ).toEqual(['its status went from requested to rejected (by ap-2: duplicate)']);
    expect(
      refundChanges(refund, { ...refund, status: 'partially_approved', approvedBy: ['ap-2'] }),
    ).toEqual([
      'its status went from requested to partially approved',
      'approved meanwhile by ap-2',
    ]);
  });
});
