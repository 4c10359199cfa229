import { newEvent, numbered } from '../contract/sample-events';
import { verifyStream } from '../hash/verify-stream';
import type { RecordedEvent } from '../port/envelope';
import {
  DuplicateEventId,
  EventStoreClosed,
  InvalidEventStoreInput,
  StreamNotFound,
  WrongExpectedVersion,
} from '../port/errors';
import type { Subscription } from '../port/event-store';
import type { ExpectedVersion } from '../port/expected-version';
import { START } from '../port/position';
import { UnreadableEsdbEvent } from './esdb-errors';
import { EventStoreDbEventStore } from './eventstoredb-event-store';
import type { EventStoreDbEventStoreOptions } from './eventstoredb-options';
import { FakeEsdbClient, FakeEsdbServer } from './testing/fake-esdb';
import { FAKE_CLIENT_SHAPES } from './testing/fake-client-shapes';

const NOW = new Date('2026-01-15T10:00:00.000Z');
const ID_A = '0190a5f0-0000-7abc-8def-00000000000a';
const ID_B = '0190a5f0-0000-7abc-8def-00000000000b';
const withId = (type: string, eventId: string) => newEvent(type, {}, { eventId });

async function take(subscription: Subscription, count: number): Promise<RecordedEvent[]> {
  const seen: RecordedEvent[] = [];
  for await (const event of subscription) {
    seen.push(event);
    if (seen.length === count) break;
  }
  return seen;
}

// Once per npm client: the fake server behind each client's wrapper, in its shape.
describe.each(FAKE_CLIENT_SHAPES)(
  'EventStoreDbEventStore on a fake server ($kind client)',
  (shape) => {
    let server: FakeEsdbServer;
    let client: FakeEsdbClient;
    let store: EventStoreDbEventStore;
    const others: EventStoreDbEventStore[] = [];

    /** Another process: its own client and store on the same server. */
    function otherStore(options: EventStoreDbEventStoreOptions = { namespace: 'ns-' }) {
      const other = new EventStoreDbEventStore(new FakeEsdbClient(server, shape), {
        now: () => NOW,
        ...options,
      });
      others.push(other);
      return other;
    }

    beforeEach(() => {
      server = new FakeEsdbServer();
      client = new FakeEsdbClient(server, shape);
      store = new EventStoreDbEventStore(client, {
        now: () => NOW,
        namespace: 'ns-',
        delay: () => Promise.resolve(),
      });
    });
    afterEach(async () => {
      await Promise.all([store, ...others.splice(0)].map((s) => s.close()));
    });

    describe('appending', () => {
      it('writes to the namespaced stream with the tip revision, the chain in metadata', async () => {
        await store.appendToStream('s', numbered(2), { expectedVersion: 'no_stream' });
        await store.appendToStream('s', numbered(1), { expectedVersion: 'any' });
        await store.appendToStream('s', numbered(1), { expectedVersion: 'stream_exists' });
        await store.appendToStream('s', numbered(1), { expectedVersion: 4 });
        expect(client.appendCalls).toEqual([
          { streamName: 'ns-s', expectedRevision: 'no_stream' },
          { streamName: 'ns-s', expectedRevision: 1n },
          { streamName: 'ns-s', expectedRevision: 2n },
          { streamName: 'ns-s', expectedRevision: 3n },
        ]);
        const stored = server.streams.get('ns-s')!;
        expect(stored.map((e) => e.revision)).toEqual([0n, 1n, 2n, 3n, 4n]);
        stored.slice(1).forEach((event, i) => {
          expect(event.metadata).toMatchObject({
            schemaVersion: 1,
            prevHash: (stored[i]!.metadata as { hash: string }).hash,
          });
        });
        expect(await verifyStream('s', await store.readStream('s'))).toEqual({
          ok: true,
          checked: 5,
        });
      });

      it('returns the events with their own positions, read back after the write', async () => {
        const result = await store.appendToStream('s', numbered(3), {
          expectedVersion: 'no_stream',
        });
        expect(result.events).toEqual(await store.readStream('s'));
        const positions = result.events.map((e) => e.globalPosition);
        // One write: one commit position, a prepare position per event.
        expect(new Set(positions.map((p) => p.commit)).size).toBe(1);
        expect(new Set(positions.map((p) => p.prepare)).size).toBe(3);
        expect(result.position).toEqual(positions[2]);
        expect(result.nextExpectedVersion).toBe(3);
      });

      it.each<[string, ExpectedVersion, number]>([
        ['no_stream', 'no_stream', 0],
        ['an exact version', 2, 2],
        ['any', 'any', 2],
        ['stream_exists', 'stream_exists', 2],
      ])(
        'acknowledges an identical retry (%s) with the stored events, writing nothing',
        async (_label, expected, existing) => {
          if (existing > 0)
            await store.appendToStream('s', numbered(existing), { expectedVersion: 0 });
          const events = [withId('A', ID_A), withId('B', ID_B)];
          const first = await store.appendToStream('s', events, { expectedVersion: expected });
          const calls = client.appendCalls.length;
          const retry = await store.appendToStream('s', events, { expectedVersion: expected });
          expect(retry).toEqual(first);
          expect(server.streams.get('ns-s')).toHaveLength(existing + 2);
          // Answered from the tip it read; no second write reached the server.
          expect(client.appendCalls).toHaveLength(calls);
        },
      );

      it('lets the server acknowledge a retry after later appends (expected revision behind the tip)', async () => {
        const events = [withId('A', ID_A), withId('B', ID_B)];
        const first = await store.appendToStream('s', events, { expectedVersion: 'no_stream' });
        await otherStore().appendToStream('s', [newEvent('Later')], { expectedVersion: 2 });
        const retry = await store.appendToStream('s', events, { expectedVersion: 'no_stream' });
        expect(retry).toEqual(first);
        expect(client.appendCalls.at(-1)).toEqual({
          streamName: 'ns-s',
          expectedRevision: 'no_stream',
        });
        expect(server.streams.get('ns-s')).toHaveLength(3);
      });

      it('refuses a retry with different events at that revision as a conflict', async () => {
        await store.appendToStream('s', [withId('A', ID_A)], { expectedVersion: 'no_stream' });
        await store.appendToStream('s', numbered(1), { expectedVersion: 1 });
        await expect(
          store.appendToStream('s', [withId('B', ID_B)], { expectedVersion: 'no_stream' }),
        ).rejects.toMatchObject({
          constructor: WrongExpectedVersion,
          expected: 'no_stream',
          actual: 2,
        });
      });

      it('refuses a reuse of the last stored id that is not a retry with DuplicateEventId', async () => {
        await store.appendToStream('s', [withId('A', ID_A)], { expectedVersion: 'no_stream' });
        await expect(
          store.appendToStream('s', [withId('A', ID_A)], { expectedVersion: 1 }),
        ).rejects.toEqual(new DuplicateEventId(ID_A));
        await expect(
          store.appendToStream('s', [withId('A', ID_A), withId('B', ID_B)], {
            expectedVersion: 'any',
          }),
        ).rejects.toBeInstanceOf(DuplicateEventId);
        expect(server.streams.get('ns-s')).toHaveLength(1);
      });

      it('does not find an id stored in another stream: EventStoreDB has no unique index on ids', async () => {
        await store.appendToStream('one', [withId('A', ID_A)], { expectedVersion: 'any' });
        await store.appendToStream('two', [withId('A', ID_A)], { expectedVersion: 'any' });
        expect((await store.readAll()).map((e) => e.eventId)).toEqual([ID_A, ID_A]);
      });

      it('chains an any append onto a writer that got in between, retrying on the new tip', async () => {
        await store.appendToStream('s', numbered(1), { expectedVersion: 'no_stream' });
        const other = otherStore();
        let interfere = true;
        client.beforeAppend = async () => {
          if (!interfere) return;
          interfere = false;
          await other.appendToStream('s', [newEvent('Other')], { expectedVersion: 'any' });
        };
        const result = await store.appendToStream('s', [newEvent('Mine')], {
          expectedVersion: 'any',
        });
        expect(result.nextExpectedVersion).toBe(3);
        expect(server.conflicts).toBe(1);
        expect(client.appendCalls.map((c) => c.expectedRevision)).toEqual(['no_stream', 0n, 1n]);
        const events = await store.readStream('s');
        expect(events.map((e) => e.type)).toEqual(['Numbered', 'Other', 'Mine']);
        expect(await verifyStream('s', events)).toEqual({ ok: true, checked: 3 });
      });

      it('gives up an any append after maxAppendAttempts conflicts', async () => {
        const limited = otherStore({
          namespace: 'ns-',
          maxAppendAttempts: 3,
          delay: async () => undefined,
        });
        await limited.appendToStream('s', numbered(1), { expectedVersion: 'no_stream' });
        const other = otherStore();
        const limitedClient = (limited as unknown as { client: FakeEsdbClient }).client;
        limitedClient.beforeAppend = () =>
          other
            .appendToStream('s', [newEvent('Other')], { expectedVersion: 'any' })
            .then(() => undefined);
        await expect(
          limited.appendToStream('s', [newEvent('Mine')], { expectedVersion: 'any' }),
        ).rejects.toMatchObject({ constructor: WrongExpectedVersion, expected: 'any', actual: 4 });
        expect(limitedClient.appendCalls).toHaveLength(4);
        expect(await verifyStream('s', await store.readStream('s'))).toMatchObject({
          ok: true,
          checked: 4,
        });
      });

      it('reports the actual version the server gives for a conflict at an exact version', async () => {
        await store.appendToStream('s', numbered(1), { expectedVersion: 'no_stream' });
        const other = otherStore();
        client.beforeAppend = async () => {
          client.beforeAppend = undefined;
          await other.appendToStream('s', numbered(2), { expectedVersion: 1 });
        };
        await expect(
          store.appendToStream('s', [newEvent('Late')], { expectedVersion: 1 }),
        ).rejects.toMatchObject({ constructor: WrongExpectedVersion, expected: 1, actual: 3 });
        expect(await store.readStream('s')).toHaveLength(3);
      });

      it('lets two processes race any appends without losing or mis-chaining one', async () => {
        const other = otherStore();
        await Promise.all(
          Array.from({ length: 20 }, (_, i) =>
            (i % 2 ? store : other).appendToStream('s', numbered(1, 'Any', i), {
              expectedVersion: 'any',
            }),
          ),
        );
        const events = await store.readStream('s');
        expect(events.map((e) => e.version)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
        expect(await verifyStream('s', events)).toEqual({ ok: true, checked: 20 });
        expect(server.conflicts).toBeGreaterThan(0);
      });

      it('refuses records: EventStoreDB keeps events only', async () => {
        await expect(
          store.appendToStream('s', [newEvent('E')], {
            expectedVersion: 'any',
            records: [{ op: 'upsert', collection: 'c', key: 'k', value: 1 }],
          }),
        ).rejects.toMatchObject({ constructor: InvalidEventStoreInput, field: 'records' });
        expect(server.streams.has('ns-s')).toBe(false);
      });

      it('refuses an append over the server maximum size as invalid input', async () => {
        server.maxAppendSize = 200;
        await expect(
          store.appendToStream('s', [newEvent('Big', { x: 'x'.repeat(300) })], {
            expectedVersion: 'any',
          }),
        ).rejects.toMatchObject({ constructor: InvalidEventStoreInput, field: 'events' });
        await expect(store.readStream('s')).rejects.toBeInstanceOf(StreamNotFound);
      });

      it('refuses stream ids naming system streams, and ids outside its prefixes', async () => {
        const plain = otherStore({ streamPrefixes: ['acct-'] });
        await expect(
          plain.appendToStream('$settings', [newEvent('E')], { expectedVersion: 'any' }),
        ).rejects.toBeInstanceOf(InvalidEventStoreInput);
        await expect(
          plain.appendToStream('other-1', [newEvent('E')], { expectedVersion: 'any' }),
        ).rejects.toMatchObject({ field: 'streamId' });
        await plain.appendToStream('acct-1', [newEvent('E')], { expectedVersion: 'any' });
        expect(server.streams.has('acct-1')).toBe(true);
      });
    });

    describe('reading', () => {
      it('sees only its own streams: not system streams, other applications or namespaces', async () => {
        server.write('billing-1', [server.foreign('Invoiced')], 'any');
        await otherStore({ namespace: 'elsewhere-' }).appendToStream('s', [newEvent('Theirs')], {
          expectedVersion: 'any',
        });
        const mine = await store.appendToStream('s', [newEvent('Mine')], {
          expectedVersion: 'any',
        });
        server.write('billing-2', [server.foreign('Invoiced')], 'any');
        expect((await store.readAll()).map((e) => [e.streamId, e.type])).toEqual([['s', 'Mine']]);
        expect(await store.headPosition()).toEqual(mine.position);
        const [delivered] = await take(store.subscribeToAll(), 1);
        expect(delivered).toEqual(mine.events[0]);
        expect(client.subscribeCalls).toEqual(['start']);
      });

      it('reports START as its head while $all holds only other events', async () => {
        server.write('billing-1', [server.foreign('Invoiced')], 'any');
        expect(server.log.length).toBeGreaterThan(0);
        expect(await store.headPosition()).toEqual(START);
        expect(await store.readAll()).toEqual([]);
      });

      it('reads strictly after a checkpoint inside one write (same commit, later prepare)', async () => {
        await store.appendToStream('a', numbered(3), { expectedVersion: 'no_stream' });
        await store.appendToStream('b', numbered(1), { expectedVersion: 'no_stream' });
        const all = await store.readAll();
        const after = await store.readAll({ fromPosition: all[0]!.globalPosition, maxCount: 2 });
        expect(after).toEqual(all.slice(1, 3));
      });

      it('refuses an event in its streams that it did not write', async () => {
        server.write('ns-s', [server.foreign('Foreign')], 'any');
        await expect(store.readStream('s')).rejects.toBeInstanceOf(UnreadableEsdbEvent);
        await expect(store.readAll()).rejects.toBeInstanceOf(UnreadableEsdbEvent);
        await expect(
          store.appendToStream('s', [newEvent('E')], { expectedVersion: 'any' }),
        ).rejects.toBeInstanceOf(UnreadableEsdbEvent);
      });

      it('resubscribes from the last delivered event after the client subscription fails', async () => {
        const delays: number[] = [];
        const errors: unknown[] = [];
        const resilient = otherStore({
          namespace: 'ns-',
          delay: async (ms) => void delays.push(ms),
          resubscribe: { initialDelayMs: 50 },
          onSubscriptionError: (error) => errors.push(error),
        });
        const resilientClient = (resilient as unknown as { client: FakeEsdbClient }).client;
        const subscription = resilient.subscribeToAll();
        const iterator = subscription[Symbol.asyncIterator]();
        const next = async (count: number) => {
          const events: RecordedEvent[] = [];
          while (events.length < count) events.push((await iterator.next()).value as RecordedEvent);
          return events;
        };
        await store.appendToStream('s', numbered(3), { expectedVersion: 'no_stream' });
        const first = await next(3);
        server.failSubscriptions();
        await store.appendToStream('s', numbered(2), { expectedVersion: 3 });
        const rest = await next(2);
        await subscription.stop();
        expect([...first, ...rest]).toEqual(await store.readStream('s'));
        expect(resilientClient.subscribeCalls).toEqual(['start', first[2]!.globalPosition]);
        // Built by the client's own helper, as its subscribeToAll expects it.
        expect(resilientClient.subscriptions[0]!.streamFilter).toMatchObject({
          filterOn: 'streamName',
          prefixes: ['ns-'],
        });
        expect(delays).toEqual([50]);
        expect(errors).toHaveLength(1);
      });
    });

    describe('lifecycle', () => {
      it('stops subscriptions, disposes the client and refuses calls once closed', async () => {
        const iterator = store.subscribeToAll()[Symbol.asyncIterator]();
        const pending = iterator.next();
        await store.close();
        await expect(pending).resolves.toMatchObject({ done: true });
        expect(client.disposed).toBe(true);
        await expect(store.readStream('s')).rejects.toBeInstanceOf(EventStoreClosed);
        await expect(store.headPosition()).rejects.toBeInstanceOf(EventStoreClosed);
        await expect(
          store.appendToStream('s', [newEvent('E')], { expectedVersion: 'any' }),
        ).rejects.toBeInstanceOf(EventStoreClosed);
        expect(() => store.subscribeToAll()).toThrow(EventStoreClosed);
      });

      it.each([
        [{ readPageSize: 1 }, /readPageSize/],
        [{ maxAppendAttempts: 0 }, /maxAppendAttempts/],
        [{ namespace: '$x' }, /system streams/],
      ])('refuses options %o', (options, message) => {
        expect(
          () => new EventStoreDbEventStore(new FakeEsdbClient(undefined, shape), options),
        ).toThrow(message);
      });
    });
  },
);

describe('one server, both clients', () => {
  it('reads, verifies and extends through one client what the other wrote', async () => {
    const server = new FakeEsdbServer();
    const [first, second] = FAKE_CLIENT_SHAPES.map(
      (shape) =>
        new EventStoreDbEventStore(new FakeEsdbClient(server, shape), {
          now: () => NOW,
          namespace: 'ns-',
        }),
    );
    const written = await first!.appendToStream('s', numbered(2), { expectedVersion: 'no_stream' });
    expect(await second!.readStream('s')).toEqual(written.events);
    await second!.appendToStream('s', numbered(1), { expectedVersion: 2 });
    const events = await first!.readStream('s');
    expect(await verifyStream('s', events)).toEqual({ ok: true, checked: 3 });
    expect(await second!.readAll()).toEqual(events);
    await Promise.all([first!.close(), second!.close()]);
  });
});
