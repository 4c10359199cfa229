import { randomBytes } from 'node:crypto';
import { eventStoreContract } from '../contract/event-store.contract';
import { newEvent, numbered } from '../contract/sample-events';
import { verifyStream } from '../hash/verify-stream';
import { EventStoreDbEventStore } from './eventstoredb-event-store';
import type { EventStoreDbEventStoreOptions } from './eventstoredb-options';
import { ESDB_CONTRACT_OPTIONS } from './testing/contract-options';

// Runs against a real EventStoreDB (22.6 or later, for positions on stream reads) when
// ESDB_URL is set, e.g.
//   docker run -d -p 2113:2113 -e EVENTSTORE_INSECURE=true -e EVENTSTORE_MEM_DB=true \
//     -e EVENTSTORE_MAX_APPEND_SIZE=4194304 eventstore/eventstore:24.10
//   ESDB_URL='esdb://localhost:2113?tls=false' npm run test:int -- eventstoredb
// The contract's 1 MB payload needs a maximum append size above the default 1 MiB.
// A server cannot be emptied between tests: each test gets its own namespace instead.

const url = process.env.ESDB_URL;

const freshNamespace = (): string => `aos-test-${randomBytes(6).toString('hex')}-`;

function connect(options: EventStoreDbEventStoreOptions = {}): Promise<EventStoreDbEventStore> {
  return EventStoreDbEventStore.connect({ connectionString: url!, ...options });
}

if (!url) {
  it.skip('EventStoreDB contract and adapter tests — skipped: ESDB_URL is not set (no EventStoreDB server on this machine)', () =>
    undefined);
} else {
  jest.setTimeout(30_000);

  eventStoreContract(
    'eventstoredb',
    async ({ now }) => {
      const store = await connect({ now, namespace: freshNamespace() });
      return {
        store,
        tamperData: () => Promise.reject(new Error('EventStoreDB events are immutable')),
        dispose: () => store.close(),
      };
    },
    ESDB_CONTRACT_OPTIONS,
  );

  describe('EventStoreDbEventStore on a real server', () => {
    const opened: EventStoreDbEventStore[] = [];
    const open = async (
      options: EventStoreDbEventStoreOptions,
    ): Promise<EventStoreDbEventStore> => {
      const store = await connect(options);
      opened.push(store);
      return store;
    };
    afterEach(async () => {
      await Promise.all(opened.splice(0).map((store) => store.close()));
    });

    it('acknowledges an identical retry without writing it twice', async () => {
      const store = await open({ namespace: freshNamespace() });
      const events = [
        newEvent('A', {}, { eventId: '0190a5f0-3333-7abc-8def-0123456789ab' }),
        newEvent('B', {}, { eventId: '0190a5f0-4444-7abc-8def-0123456789ab' }),
      ];
      const first = await store.appendToStream('s', events, { expectedVersion: 'no_stream' });
      await store.appendToStream('s', [newEvent('Later')], { expectedVersion: 2 });
      // Behind the tip: the server's own idempotency check answers.
      const retry = await store.appendToStream('s', events, { expectedVersion: 'no_stream' });
      expect(retry).toEqual(first);
      expect(await store.readStream('s')).toHaveLength(3);
    });

    it('keeps the chain intact when two clients race any appends on one stream', async () => {
      const namespace = freshNamespace();
      const [a, b] = await Promise.all([open({ namespace }), open({ namespace })]);
      await Promise.all(
        Array.from({ length: 30 }, (_, i) =>
          (i % 2 ? a! : b!).appendToStream('hot', numbered(1, 'Any', i), {
            expectedVersion: 'any',
          }),
        ),
      );
      const events = await a!.readStream('hot');
      expect(events.map((e) => e.version)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
      expect(await verifyStream('hot', events)).toEqual({ ok: true, checked: 30 });
    });

    it('shows neither system streams nor other namespaces in readAll', async () => {
      const mine = await open({ namespace: freshNamespace() });
      const theirs = await open({ namespace: freshNamespace() });
      await theirs.appendToStream('s', [newEvent('Theirs')], { expectedVersion: 'any' });
      const result = await mine.appendToStream('s', [newEvent('Mine')], {
        expectedVersion: 'any',
      });
      expect(await mine.readAll()).toEqual(result.events);
      expect(await mine.headPosition()).toEqual(result.position);
    });
  });
}
