import type { EventOf, EventType } from '../events/domain-event';
import type { MapEdit } from '../shared/map-edit';
import type { AccountState } from './account-state';

/**
 * How one event type changes the state; returns `state` itself when the event does not
 * apply. Maps and lists are written through `edit` (copying, or in place within a fold).
 */
export type Evolver<T extends EventType> = (
  state: AccountState,
  data: EventOf<T>['data'],
  edit: MapEdit,
) => AccountState;

export type Evolvers<T extends EventType> = { readonly [K in T]: Evolver<K> };
