/**
 * `@account-ops/event-store/testing`: test doubles for code that embeds the engine, kept
 * off the main entry so a service never loads them (nor what they load) in production.
 *
 * @packageDocumentation
 */

/** An in-memory stand-in for an EventStoreDB server. */
export {
  FakeEsdbClient,
  FakeEsdbServer,
  type FakeClientShape,
} from './eventstoredb/testing/fake-esdb';
