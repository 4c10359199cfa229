import { a, open, conflict, missingTopUp, topUpBody, type WriteCase } from './shared';

/** Top-ups: initiated, then settled or failed by the payment system. */
export const TOP_UP_CASES: readonly WriteCase[] = [
  {
    route: 'initiateTopUp',
    by: 'system',
    setup: open,
    path: (id) => `${a(id)}/top-ups`,
    body: () => topUpBody,
    expect: (b) =>
      expect(b).toMatchObject({
        topUpId: 'tu-1',
        status: 'pending',
        balance: { pendingIn: 50_000 },
      }),
    invalid: [
      { body: { ...topUpBody, amount: 1.5 }, field: 'amount' },
      { body: { ...topUpBody, amount: '50000' }, field: 'amount' },
      { body: { ...topUpBody, amount: 0 }, field: 'amount' },
      { body: { ...topUpBody, amount: -5 }, field: 'amount' },
      { body: { ...topUpBody, amount: 2 ** 53 }, field: 'amount' },
      { body: { ...topUpBody, amount: 1e300 }, field: 'amount' },
      { body: { ...topUpBody, amount: true }, field: 'amount' },
      { body: { ...topUpBody, method: 'cash' }, field: 'method' },
      { body: { ...topUpBody, paymentReference: 'a b' }, field: 'paymentReference' },
      { body: { ...topUpBody, topUpId: '' }, field: 'topUpId' },
    ],
    again: conflict('TOP_UP_ALREADY_EXISTS'),
  },
  {
    route: 'settleTopUp',
    by: 'system',
    setup: async (seed, id) => {
      await seed.open(id);
      await seed.initiate(id, 'tu-1', 50_000);
    },
    path: (id) => `${a(id)}/top-ups/tu-1/settle`,
    expect: (b) =>
      expect(b).toMatchObject({ status: 'settled', balance: { available: 50_000, pendingIn: 0 } }),
    invalid: [
      { body: { amount: 50_000 }, field: 'amount' },
      { body: [], field: 'body' },
      { path: (id) => `${a(id)}/top-ups/tu%201/settle`, field: 'topUpId' },
    ],
    again: conflict('INVALID_TRANSITION'),
    missing: missingTopUp('settle'),
  },
  {
    route: 'failTopUp',
    by: 'system',
    setup: async (seed, id) => {
      await seed.open(id);
      await seed.initiate(id, 'tu-1', 50_000);
    },
    path: (id) => `${a(id)}/top-ups/tu-1/fail`,
    body: () => ({ reason: 'declined by issuer' }),
    expect: (b) =>
      expect(b).toMatchObject({ status: 'failed', failureReason: 'declined by issuer' }),
    invalid: [
      { body: {}, field: 'reason' },
      { body: { reason: '' }, field: 'reason' },
      { body: { reason: 'r'.repeat(501) }, field: 'reason' },
    ],
    again: conflict('INVALID_TRANSITION'),
    missing: missingTopUp('fail'),
  },
];
