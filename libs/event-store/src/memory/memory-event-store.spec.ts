import { eventStoreContract } from '../contract/event-store.contract';
import { MemoryEventStore } from './memory-event-store';

eventStoreContract('memory', async ({ now }) => {
  const store = new MemoryEventStore({ now });
  return {
    store,
    async tamperData(streamId, version) {
      store.tamper(streamId, version, (event) => ({ ...event, data: { tampered: true } }));
    },
    dispose: () => store.close(),
  };
});
