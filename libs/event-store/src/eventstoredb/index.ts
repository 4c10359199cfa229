export { EventStoreDbEventStore } from './eventstoredb-event-store';
export type {
  EventStoreDbConnectOptions,
  EventStoreDbEventStoreOptions,
} from './eventstoredb-options';
export type {
  EsdbAllRecordedEvent,
  EsdbAllResolvedEvent,
  EsdbAppendOptions,
  EsdbClient,
  EsdbCurrentRevision,
  EsdbDirection,
  EsdbEventData,
  EsdbExpectedRevision,
  EsdbPosition,
  EsdbReadAllOptions,
  EsdbReadPosition,
  EsdbReadRevision,
  EsdbReadStreamOptions,
  EsdbRecordedEvent,
  EsdbResolvedEvent,
  EsdbStreamFilter,
  EsdbSubscribeOptions,
  EsdbSubscriptionHandle,
} from './esdb-client';
export { EsdbAppendTooLarge, EsdbRevisionConflict, EsdbStreamNotFound } from './esdb-client-errors';
// Not the two wrappers: importing them loads their npm client; connectEsdbClient loads the
// one a URL names, when it is called.
export { connectEsdbClient } from './clients/connect-esdb-client';
export { esdbClientKind, type EsdbClientKind } from './clients/client-kind';
export type { ResubscribePolicy } from './resubscribing-subscription';
export { UnreadableEsdbEvent } from './esdb-errors';
