import { eventStoreContract } from '../contract/event-store.contract';
import { EventStoreDbEventStore } from './eventstoredb-event-store';
import { ESDB_CONTRACT_OPTIONS } from './testing/contract-options';
import { FAKE_CLIENT_SHAPES } from './testing/fake-client-shapes';
import { FakeEsdbClient } from './testing/fake-esdb';

// The shared contract against the adapter on an in-memory fake of the server, once through
// each npm client's wrapper (its option names and error classes): it checks the adapter's
// own logic (mapping, sealing, checkpoints, conflicts) on every run; the integration spec
// runs the same suite against a real server when ESDB_URL / KURRENTDB_URL is set.
for (const shape of FAKE_CLIENT_SHAPES) {
  eventStoreContract(
    `eventstoredb (fake server, ${shape.kind} client)`,
    async ({ now }) => {
      const store = new EventStoreDbEventStore(new FakeEsdbClient(undefined, shape), { now });
      return {
        store,
        tamperData: () => Promise.reject(new Error('EventStoreDB events are immutable')),
        dispose: () => store.close(),
      };
    },
    ESDB_CONTRACT_OPTIONS,
  );
}
