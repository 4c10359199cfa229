import fc from 'fast-check';
import type { DomainEvent } from '../events/domain-event';
import { OPEN_REFUND_STATUSES } from '../machines/refund.machine';
import { sumOf } from '../money/amount';
import type { AccountState } from '../state/account-state';
import { initialState } from '../state/account-state';
import { replay } from '../state/evolve';
import type { AggregateDriver } from '../testing/aggregate-driver';
import { history, type Step } from '../testing/command-arbitrary';
import { play } from '../testing/play-history';

/**
 * The accounting identity: available = settled top-ups − refunds still held or paid out
 * + prorated credits − final payouts. (Released refunds — rejected, cancelled, expired —
 * went back to available, so they drop out of both sides.)
 */
function expectedAvailable(state: AccountState, events: DomainEvent[]): number {
  // From the events: the state keeps only the most recent completed top-ups in full.
  const settled = sumOf(events.flatMap((e) => (e.type === 'TopUpSettled' ? [e.data.amount] : [])));
  const refunded = sumOf(
    Object.values(state.refunds)
      .filter((r) => OPEN_REFUND_STATUSES.has(r.status) || r.status === 'paid')
      .map((r) => r.amount),
  );
  const credits = sumOf(
    events.flatMap((e) => (e.type === 'FinalStatementIssued' ? [e.data.proratedCredit] : [])),
  );
  const payouts = sumOf(
    events.flatMap((e) => (e.type === 'FinalPayoutIssued' ? [e.data.amount] : [])),
  );
  return settled - refunded + credits - payouts;
}

function checkInvariants(driver: AggregateDriver): void {
  const { state, events } = driver;
  const refunds = Object.values(state.refunds);
  expect(
    Math.min(state.balance.available, state.balance.held, state.balance.pendingIn),
  ).toBeGreaterThanOrEqual(0);
  expect(state.balance.held).toBe(
    sumOf(refunds.filter((r) => OPEN_REFUND_STATUSES.has(r.status)).map((r) => r.amount)),
  );
  expect(state.balance.pendingIn).toBe(
    sumOf(
      Object.values(state.topUps)
        .filter((t) => t.status === 'pending')
        .map((t) => t.amount),
    ),
  );
  expect(state.balance.available).toBe(expectedAvailable(state, events));
  expect(state.frozen).toBe(state.freezeReasons.length > 0);
  expect(state.status).toBe(state.machines.lifecycle.value);
  refunds.forEach((r) =>
    expect([r.status, r.approvedBy.length]).toEqual([r.machine.value, r.machine.context.approvals]),
  );
}

const RUNS = { numRuns: 300 };
const FEWER_RUNS = { numRuns: 150 };

describe('properties over random command sequences', () => {
  it('available never goes negative; held equals open refunds; the accounting identity holds; decide only refuses with DomainError', () => {
    fc.assert(
      fc.property(history, (steps: Step[]) => void play(steps, checkInvariants)),
      RUNS,
    );
  });

  it('replaying the produced events from initialState gives the same, JSON-safe state', () => {
    fc.assert(
      fc.property(history, (steps) => {
        const { state, events } = play(steps);
        expect(replay(events, initialState)).toEqual(state);
        expect(JSON.parse(JSON.stringify(state))).toEqual(state);
        expect(JSON.parse(JSON.stringify(events))).toEqual(events);
      }),
      FEWER_RUNS,
    );
  });

  it('replaying from a JSON snapshot taken mid-stream gives the same state as a full replay', () => {
    fc.assert(
      fc.property(history, fc.nat(), (steps, cut) => {
        const { state, events } = play(steps);
        const at = events.length === 0 ? 0 : cut % events.length;
        const snapshot = JSON.parse(
          JSON.stringify(replay(events.slice(0, at), initialState)),
        ) as AccountState;
        expect(replay(events.slice(at), snapshot)).toEqual(state);
      }),
      FEWER_RUNS,
    );
  });

  it('a card number sent in a command never appears in any event', () => {
    fc.assert(
      fc.property(history, (steps) => {
        const { events } = play(steps);
        const text = JSON.stringify(events);
        const pans = steps.flatMap((s) => s.intent.label.match(/^card (\d+)$/)?.[1] ?? []);
        pans.forEach((pan) => expect(text).not.toContain(pan));
      }),
      FEWER_RUNS,
    );
  });
});
