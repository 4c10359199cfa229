export { EventStoreDbEventStore } from './eventstoredb-event-store';
export type {
  EventStoreDbConnectOptions,
  EventStoreDbEventStoreOptions,
} from './eventstoredb-options';
export type {
  EsdbAppendOptions,
  EsdbClient,
  EsdbReadAllOptions,
  EsdbReadStreamOptions,
  EsdbSubscribeOptions,
  EsdbSubscriptionHandle,
} from './esdb-client';
export type { ResubscribePolicy } from './resubscribing-subscription';
export { UnreadableEsdbEvent } from './esdb-errors';
