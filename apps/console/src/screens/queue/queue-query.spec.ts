import { describe, expect, it } from '@jest/globals';
import type { QueuedRefund } from '../../api/types';
import {
  deadlineTone,
  defaultQuery,
  parseQueueQuery,
  queueSearch,
  selectRefunds,
  type QueueQuery,
} from './queue-query';

const NOW = Date.parse('2026-03-02T12:00:00Z');
const hours = (h: number) => new Date(NOW + h * 3_600_000).toISOString();

function refund(id: string, over: Partial<QueuedRefund> = {}): QueuedRefund {
  return {
    accountId: `acc-${id}`,
    refundId: `rf-${id}`,
    amount: 1000,
    currency: 'EUR',
    status: 'requested',
    reason: 'technical_issue',
    note: null,
    requestedBy: 'op-1',
    requestedAt: hours(-10),
    approvedBy: [],
    approvalDeadline: hours(62),
    decidedBy: null,
    decisionReason: null,
    payoutAttempts: 0,
    payoutFailureReason: null,
    updatedAt: hours(-10),
    approvalsRequired: 1,
    approvals: 0,
    ageSeconds: 36_000,
    ...over,
  };
}

const query = (over: Partial<QueueQuery> = {}): QueueQuery => ({ ...defaultQuery(true), ...over });
const ids = (rows: QueuedRefund[]) => rows.map((r) => r.refundId);

describe('the approval queue query', () => {
  it('round-trips through the URL, leaving defaults out', () => {
    const q = query({
      view: 'all',
      sort: 'amount',
      dir: 'asc',
      min: '10',
      max: '99.50',
      currency: 'EUR',
      dueHours: 4,
      twoApprovers: true,
      account: 'acc-7',
      requester: 'op-1',
      size: 50,
      page: 3,
    });
    const search = queueSearch(q, true);
    expect(search).toBe(
      '?view=all&sort=amount&dir=asc&min=10&max=99.50&currency=EUR&due=4&two=1&account=acc-7&by=op-1&size=50&page=3',
    );
    expect(parseQueueQuery(new URLSearchParams(search), true)).toEqual(q);
    expect(queueSearch(defaultQuery(true), true)).toBe('');
  });

  it('falls back to the defaults for anything unknown or malformed (no free text is kept)', () => {
    const parsed = parseQueueQuery(
      new URLSearchParams(
        'view=x&sort=name&dir=up&min=Ada&max=1e9&currency=eur&due=5&size=7&page=-2&account=Ada%20Lovelace&by=a@b',
      ),
      true,
    );
    expect(parsed).toEqual(defaultQuery(true));
    expect(parseQueueQuery(new URLSearchParams(''), false).view).toBe('all');
  });

  it('"Needs my decision" leaves out what I requested and what I already approved', () => {
    const rows = [
      refund('mine', { requestedBy: 'ap-1' }),
      refund('approved', {
        status: 'partially_approved',
        approvedBy: ['ap-1'],
        approvalsRequired: 2,
      }),
      refund('open'),
      refund('other-approved', {
        status: 'partially_approved',
        approvedBy: ['ap-2'],
        approvalsRequired: 2,
      }),
    ];
    expect(ids(selectRefunds(rows, query(), 'ap-1', NOW))).toEqual([
      'rf-open',
      'rf-other-approved',
    ]);
    expect(selectRefunds(rows, query({ view: 'all' }), 'ap-1', NOW)).toHaveLength(4);
  });

  it('sorts by age (oldest first by default), amount and deadline, with stable ties', () => {
    const rows = [
      refund('a', { requestedAt: hours(-1), amount: 500, approvalDeadline: hours(3) }),
      refund('b', { requestedAt: hours(-30), amount: 100, approvalDeadline: hours(40) }),
      refund('c', { requestedAt: hours(-5), amount: 900, approvalDeadline: hours(1) }),
      refund('d', { requestedAt: hours(-5), amount: 900, approvalDeadline: hours(1) }),
    ];
    expect(ids(selectRefunds(rows, query(), 'ap-1', NOW))).toEqual([
      'rf-b',
      'rf-c',
      'rf-d',
      'rf-a',
    ]);
    expect(ids(selectRefunds(rows, query({ dir: 'asc' }), 'ap-1', NOW))).toEqual([
      'rf-a',
      'rf-c',
      'rf-d',
      'rf-b',
    ]);
    expect(ids(selectRefunds(rows, query({ sort: 'amount' }), 'ap-1', NOW))).toEqual([
      'rf-c',
      'rf-d',
      'rf-a',
      'rf-b',
    ]);
    expect(ids(selectRefunds(rows, query({ sort: 'deadline', dir: 'asc' }), 'ap-1', NOW))).toEqual([
      'rf-c',
      'rf-d',
      'rf-a',
      'rf-b',
    ]);
  });

  it('filters by amount range in the refund’s currency, currency, due within and two approvers', () => {
    const rows = [
      refund('small', { amount: 999 }),
      refund('edge', { amount: 1000 }),
      refund('big', { amount: 250_000, approvalsRequired: 2 }),
      refund('yen', { amount: 1000, currency: 'JPY', approvalDeadline: hours(2) }),
    ];
    expect(ids(selectRefunds(rows, query({ min: '10', max: '10.00' }), 'x', NOW))).toEqual([
      'rf-edge',
    ]);
    // 1000 yen is 1000 major units: inside 500–2000, where 1000 euro cents are not.
    expect(ids(selectRefunds(rows, query({ min: '500', max: '2000' }), 'x', NOW))).toEqual(
      ['rf-big', 'rf-yen'].slice(1),
    );
    expect(ids(selectRefunds(rows, query({ currency: 'JPY' }), 'x', NOW))).toEqual(['rf-yen']);
    expect(ids(selectRefunds(rows, query({ dueHours: 4 }), 'x', NOW))).toEqual(['rf-yen']);
    expect(ids(selectRefunds(rows, query({ twoApprovers: true }), 'x', NOW))).toEqual(['rf-big']);
  });

  it('colours a deadline by how near it is', () => {
    expect(deadlineTone(hours(-0.1), NOW)).toBe('overdue');
    expect(deadlineTone(hours(3.9), NOW)).toBe('urgent');
    expect(deadlineTone(hours(23), NOW)).toBe('soon');
    expect(deadlineTone(hours(25), NOW)).toBe('later');
  });
});
