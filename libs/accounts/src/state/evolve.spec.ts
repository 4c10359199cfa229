import type { DomainEvent } from '../events/domain-event';
import { given } from '../testing/given-when-then';
import { funded, refund } from '../testing/fixtures';
import { initialState } from './account-state';
import { evolve } from './evolve';

const stamp = { at: '2025-03-10T10:00:00.000Z', by: 'x' };

describe('evolve is total and ignores what does not apply', () => {
  const { state } = given([...funded(), refund('r1', 100)]);

  it.each<[string, DomainEvent]>([
    ['an unknown event type', { type: 'SomethingElse', data: stamp } as unknown as DomainEvent],
    [
      'a refund it has never seen',
      {
        type: 'RefundPaidOut',
        data: { refundId: 'nope', amount: 1, currency: 'CNY', payoutReference: null, ...stamp },
      },
    ],
    [
      'a transition the refund machine refuses',
      {
        type: 'RefundPaidOut',
        data: { refundId: 'r1', amount: 100, currency: 'CNY', payoutReference: null, ...stamp },
      },
    ],
    [
      'a top-up it has never seen',
      { type: 'TopUpSettled', data: { topUpId: 'nope', amount: 1, currency: 'CNY', ...stamp } },
    ],
    [
      'a second top-up settlement',
      {
        type: 'TopUpSettled',
        data: { topUpId: 'seed', amount: 100_000, currency: 'CNY', ...stamp },
      },
    ],
    [
      'lifting a reason that is not active',
      {
        type: 'FreezeLifted',
        data: { reason: 'manual', note: null, trigger: 'Unfreeze', ...stamp },
      },
    ],
    [
      'a lifecycle transition the machine refuses',
      { type: 'AccountReactivated', data: { note: null, ...stamp } },
    ],
  ])('returns the same state for %s', (_, event) => {
    expect(evolve(state, event)).toBe(state);
  });

  it('the initial state is JSON-safe and unopened', () => {
    expect(JSON.parse(JSON.stringify(initialState))).toEqual(initialState);
    expect(initialState).toMatchObject({
      status: 'unopened',
      frozen: false,
      balance: { available: 0, held: 0, pendingIn: 0 },
    });
  });

  it('never mutates the state it is given', () => {
    const before = JSON.stringify(state);
    given([...funded(), refund('r1', 100)]).events.reduce(evolve, state);
    expect(JSON.stringify(state)).toBe(before);
  });
});
