import { eventStoreContract } from '../contract/event-store.contract';
import { EventStoreDbEventStore } from './eventstoredb-event-store';
import { ESDB_CONTRACT_OPTIONS } from './testing/contract-options';
import { FakeEsdbClient } from './testing/fake-esdb';

// The shared contract against the adapter on an in-memory fake of the server: it checks
// the adapter's own logic (mapping, sealing, checkpoints, conflicts) on every run; the
// integration spec runs the same suite against a real server when ESDB_URL is set.
eventStoreContract(
  'eventstoredb (fake client)',
  async ({ now }) => {
    const store = new EventStoreDbEventStore(new FakeEsdbClient(), { now });
    return {
      store,
      tamperData: () => Promise.reject(new Error('EventStoreDB events are immutable')),
      dispose: () => store.close(),
    };
  },
  ESDB_CONTRACT_OPTIONS,
);
