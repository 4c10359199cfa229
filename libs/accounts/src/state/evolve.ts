import type { DomainEvent, EventType } from '../events/domain-event';
import type { AccountState } from './account-state';
import { accountEvolvers } from './evolve-account';
import { freezeEvolvers } from './evolve-freeze';
import { refundEvolvers } from './evolve-refund';
import { topUpEvolvers } from './evolve-top-up';
import type { Evolver, Evolvers } from './evolver';

const EVOLVERS: Evolvers<EventType> = {
  ...accountEvolvers,
  ...topUpEvolvers,
  ...refundEvolvers,
  ...freezeEvolvers,
};

/**
 * Applies one event to the state. Pure and total: it never throws for a well-typed event
 * and returns `state` itself for an event that does not apply (an unknown type, a refund
 * it has never seen, a transition its machine refuses). `decide` never emits such events;
 * the property tests hold it to that.
 */
export function evolve(state: AccountState, event: DomainEvent): AccountState {
  const evolver = Object.hasOwn(EVOLVERS, event.type)
    ? (EVOLVERS[event.type] as Evolver<EventType>)
    : undefined;
  return evolver ? evolver(state, event.data) : state;
}

/** Folds a stream's events from {@link initialState} (or a snapshot) into its state. */
export function replay(events: Iterable<DomainEvent>, from: AccountState): AccountState {
  let state = from;
  for (const event of events) state = evolve(state, event);
  return state;
}
