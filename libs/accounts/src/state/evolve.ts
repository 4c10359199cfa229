import type { DomainEvent, EventType } from '../events/domain-event';
import type { AccountState } from './account-state';
import { accountEvolvers } from './evolve-account';
import { freezeEvolvers } from './evolve-freeze';
import { refundEvolvers } from './evolve-refund';
import { topUpEvolvers } from './evolve-top-up';
import type { Evolver, Evolvers } from './evolver';
import { copyingEdit, transientEdit, type MapEdit } from '../shared/map-edit';

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
  return evolveWith(state, event, copyingEdit);
}

function evolveWith(state: AccountState, event: DomainEvent, edit: MapEdit): AccountState {
  const evolver = Object.hasOwn(EVOLVERS, event.type)
    ? (EVOLVERS[event.type] as Evolver<EventType>)
    : undefined;
  return evolver ? evolver(state, event.data, edit) : state;
}

/**
 * A fold of events into a state, one at a time (as they are read), in time linear in
 * their number: maps the fold has already copied are written in place (see
 * {@link MapEdit}), so `state` must not be kept while more events are applied. The
 * result equals `events.reduce(evolve, from)`; `from` is never changed.
 */
export class Fold {
  private readonly edit = transientEdit();
  constructor(public state: AccountState) {}

  apply(event: DomainEvent): AccountState {
    this.state = evolveWith(this.state, event, this.edit);
    return this.state;
  }
}

/** Folds a stream's events from {@link initialState} (or a snapshot) into its state. */
export function replay(events: Iterable<DomainEvent>, from: AccountState): AccountState {
  const fold = new Fold(from);
  for (const event of events) fold.apply(event);
  return fold.state;
}
