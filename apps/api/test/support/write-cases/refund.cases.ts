import { VISA } from '../seed';
import {
  a,
  withRefund,
  approved,
  conflict,
  refundPath,
  missingRefund,
  refundBody,
  badNote,
  type WriteCase,
} from './shared';

/** The refund approval machine, one route per step. */
export const REFUND_CASES: readonly WriteCase[] = [
  {
    route: 'requestRefund',
    by: 'operator',
    setup: (seed, id) => seed.ready(id, 100_000),
    path: (id) => `${a(id)}/refunds`,
    body: () => refundBody,
    expect: (b) =>
      expect(b).toMatchObject({
        refundId: 'rf-1',
        status: 'requested',
        requestedBy: 'op-1',
        balance: { available: 70_000, held: 30_000 },
      }),
    invalid: [
      { body: { ...refundBody, reason: 'angry' }, field: 'reason' },
      { body: { ...refundBody, amount: 0 }, field: 'amount' },
      { body: { ...refundBody, amount: '30000' }, field: 'amount' },
      // The domain is the last gate: `other` needs a note, and no note may carry a card number.
      { body: { refundId: 'rf-1', amount: 100, reason: 'other' }, field: 'note' },
      { body: { ...refundBody, note: `card ${VISA}` }, field: 'note', code: 'CARD_NUMBER_IN_TEXT' },
      { body: { ...refundBody, note: 'refund \u202eko 0001 RUE' }, field: 'note' },
    ],
    again: conflict('REFUND_ALREADY_EXISTS'),
  },
  {
    route: 'approveRefund',
    by: 'approver',
    setup: withRefund,
    path: refundPath('approve'),
    body: () => ({ note: 'checked the invoice' }),
    expect: (b) => expect(b).toMatchObject({ status: 'payout_pending', approvedBy: ['ap-1'] }),
    invalid: [
      ...badNote,
      { path: (id) => `${a(id)}/refunds/r!f/approve`, field: 'refundId' },
      { body: { toString: 'approve' }, field: 'toString' },
      {
        body: JSON.parse('{"__proto__": {"note": "x"}}') as unknown,
        field: '(unrecognised field)',
      },
    ],
    again: conflict('INVALID_TRANSITION'),
    missing: missingRefund('approve'),
  },
  {
    route: 'rejectRefund',
    by: 'approver',
    setup: withRefund,
    path: refundPath('reject'),
    body: () => ({ reason: 'not covered by the contract' }),
    expect: (b) =>
      expect(b).toMatchObject({
        status: 'rejected',
        decidedBy: 'ap-1',
        balance: { held: 0, available: 100_000 },
      }),
    invalid: [
      { body: {}, field: 'reason' },
      { body: { reason: ['x'] }, field: 'reason' },
    ],
    again: conflict('INVALID_TRANSITION'),
    missing: missingRefund('reject'),
  },
  {
    route: 'cancelRefund',
    by: 'operator',
    setup: withRefund,
    path: refundPath('cancel'),
    body: () => ({ reason: 'customer withdrew' }),
    expect: (b) => expect(b).toMatchObject({ status: 'cancelled', balance: { held: 0 } }),
    invalid: [{ body: { reason: 7 }, field: 'reason' }],
    again: conflict('INVALID_TRANSITION'),
    missing: missingRefund('cancel'),
  },
  {
    route: 'refundPaidOut',
    by: 'system',
    setup: approved,
    path: refundPath('payout-succeeded'),
    body: () => ({ payoutReference: 'po-1' }),
    expect: (b) =>
      expect(b).toMatchObject({ status: 'paid', balance: { held: 0, available: 70_000 } }),
    invalid: [{ body: { payoutReference: 'a b' }, field: 'payoutReference' }],
    again: conflict('INVALID_TRANSITION'),
    missing: missingRefund('payout-succeeded'),
  },
  {
    route: 'refundPayoutFailed',
    by: 'system',
    setup: approved,
    path: refundPath('payout-failed'),
    body: () => ({ reason: 'account closed at the bank' }),
    expect: (b) => expect(b).toMatchObject({ status: 'payout_failed', balance: { held: 30_000 } }),
    invalid: [{ body: {}, field: 'reason' }],
    again: conflict('INVALID_TRANSITION'),
    missing: missingRefund('payout-failed'),
  },
  {
    route: 'retryRefundPayout',
    by: 'approver',
    setup: async (seed, id) => {
      await approved(seed, id);
      await seed.payoutFailed(id, 'rf-1');
    },
    path: refundPath('retry-payout'),
    body: () => ({ note: 'customer fixed the account' }),
    expect: (b) => expect(b).toMatchObject({ status: 'payout_pending' }),
    invalid: badNote,
    again: conflict('INVALID_TRANSITION'),
    missing: missingRefund('retry-payout'),
  },
];
