import { a, open, conflict, badNote, type WriteCase } from './shared';

/** The cancellation lifecycle. */
export const CANCELLATION_CASES: readonly WriteCase[] = [
  {
    route: 'requestCancellation',
    by: 'admin',
    setup: open,
    path: (id) => `${a(id)}/cancellation`,
    body: () => ({ reason: 'moving abroad' }),
    expect: (b) => expect(b).toMatchObject({ status: 'cancellation_requested' }),
    invalid: [
      { body: {}, field: 'reason' },
      { body: { reason: '\t' }, field: 'reason' },
    ],
    again: conflict('INVALID_TRANSITION'),
  },
  {
    route: 'confirmCancellation',
    by: 'admin',
    setup: async (seed, id) => {
      await seed.open(id);
      await seed.card(id); // the final statement pays the prorated credit to the card
      await seed.requestCancellation(id);
    },
    path: (id) => `${a(id)}/cancellation/confirm`,
    expect: (b) =>
      expect(b).toMatchObject({ status: 'cancelled', retentionUntil: expect.any(String) }),
    invalid: badNote,
    again: conflict('INVALID_TRANSITION'),
  },
  {
    route: 'withdrawCancellation',
    by: 'admin',
    setup: async (seed, id) => {
      await seed.open(id);
      await seed.requestCancellation(id);
    },
    path: (id) => `${a(id)}/cancellation`,
    expect: (b) => expect(b).toMatchObject({ status: 'active', cancellation: null }),
    invalid: badNote,
    again: conflict('INVALID_TRANSITION'),
  },
  {
    route: 'reactivate',
    by: 'admin',
    setup: async (seed, id) => {
      await seed.open(id);
      await seed.card(id);
      await seed.requestCancellation(id);
      await seed.confirmCancellation(id);
    },
    path: (id) => `${a(id)}/reactivation`,
    body: () => ({ note: 'customer came back' }),
    expect: (b) => expect(b).toMatchObject({ status: 'active', retentionUntil: null }),
    invalid: badNote,
    again: conflict('INVALID_TRANSITION'),
  },
];
