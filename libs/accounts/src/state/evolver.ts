import type { EventOf, EventType } from '../events/domain-event';
import type { AccountState } from './account-state';

/** How one event type changes the state; returns `state` itself when the event does not apply. */
export type Evolver<T extends EventType> = (
  state: AccountState,
  data: EventOf<T>['data'],
) => AccountState;

export type Evolvers<T extends EventType> = { readonly [K in T]: Evolver<K> };
