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
/** An in-memory stand-in for an EventStoreDB server, for tests of code that embeds the engine. */
export { FakeEsdbClient, FakeEsdbServer, type FakeClientShape } from './testing/fake-esdb';
