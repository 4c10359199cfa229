import { randomBytes } from 'node:crypto';
import { eventStoreContract } from '../contract/event-store.contract';
import { newEvent, numbered } from '../contract/sample-events';
import { verifyStream } from '../hash/verify-stream';
import { EventStoreDbEventStore } from './eventstoredb-event-store';
import type { EventStoreDbEventStoreOptions } from './eventstoredb-options';
import { ESDB_CONTRACT_OPTIONS } from './testing/contract-options';
import { REAL_SERVERS } from './testing/real-servers';

// Runs against a real server for each of ESDB_URL and KURRENTDB_URL that is set (see
// testing/real-servers.ts for one-line servers). Each URL's scheme picks the npm client, so
// ESDB_URL=esdb://… tests @eventstore/db-client and KURRENTDB_URL=kurrentdb://… tests
// @kurrent/kurrentdb-client; both may point at the same server.
// A server cannot be emptied between tests: each test gets its own namespace instead.

const freshNamespace = (): string => `aos-test-${randomBytes(6).toString('hex')}-`;

jest.setTimeout(30_000);

for (const { variable, url, product } of REAL_SERVERS) {
  if (!url) {
    it.skip(`${product} contract and adapter tests — skipped: ${variable} is not set (no ${product} server on this machine)`, () =>
      undefined);
    continue;
  }
  const connect = (options: EventStoreDbEventStoreOptions = {}): Promise<EventStoreDbEventStore> =>
    EventStoreDbEventStore.connect({ connectionString: url, ...options });

  describe(`on a real server (${variable})`, () => {
    eventStoreContract(
      `eventstoredb (${variable})`,
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
  });
}
