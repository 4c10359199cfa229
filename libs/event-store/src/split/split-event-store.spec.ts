import { eventStoreContract } from '../contract/event-store.contract';
import { newEvent } from '../contract/sample-events';
import { EventStoreDbEventStore } from '../eventstoredb/eventstoredb-event-store';
import { FakeEsdbClient, FakeEsdbServer } from '../eventstoredb/testing/fake-esdb';
import { verifyStream } from '../hash/verify-stream';
import { eventJson } from '../port/event-json';
import { MemoryEventStore } from '../memory/memory-event-store';
import { DuplicateRecord } from '../port/errors';
import type { RecordWrite } from '../port/records';
import { SqliteEventStore } from '../sqlite/sqlite-event-store';
import { CARRIED_RECORDS_FIELD } from './carried-records';
import { SplitEventStore } from './split-event-store';

const NOW = new Date('2026-03-01T09:00:00.000Z');

// The shared contract on EventStoreDB (fake server) + SQLite records: the split store
// must keep every port rule the events store keeps, and the records rules too.
eventStoreContract(
  'split (EventStoreDB fake + SQLite records)',
  async ({ now }) => {
    const store = new SplitEventStore({
      events: new EventStoreDbEventStore(new FakeEsdbClient(), { now }),
      records: new SqliteEventStore({ filename: ':memory:', now }),
    });
    return {
      store,
      tamperData: () => Promise.reject(new Error('EventStoreDB events are immutable')),
      dispose: () => store.close(),
    };
  },
  {
    unsupported: {
      tamperData:
        'EventStoreDB events are immutable: there is no way to change one behind the store',
      uniqueEventIds:
        'EventStoreDB has no unique index on event ids: only a retry of the stream’s last append is recognised',
    },
  },
);

const insert = (
  collection: string,
  key: string,
  value: string,
): Extract<RecordWrite, { op: 'insert' }> => ({
  op: 'insert',
  collection,
  key,
  value,
});

describe('SplitEventStore: records after the events', () => {
  let server: FakeEsdbServer;
  let records: SqliteEventStore;
  let store: SplitEventStore;
  const opened: SplitEventStore[] = [];

  /** Another process on the same event store and record database. */
  function process(options: { failRecordsAfterAppend?: boolean } = {}): SplitEventStore {
    const recordsView = options.failRecordsAfterAppend ? failingWrites(records) : records;
    const split = new SplitEventStore({
      events: new EventStoreDbEventStore(new FakeEsdbClient(server), { now: () => NOW }),
      records: recordsView,
      applier: { delay: () => Promise.resolve() },
    });
    opened.push(split);
    return split;
  }

  beforeEach(() => {
    server = new FakeEsdbServer();
    records = new SqliteEventStore({ filename: ':memory:', now: () => NOW });
    store = process();
  });
  afterEach(async () => {
    for (const s of opened.splice(0)) await s.events.close();
    records.close();
  });

  it('carries the append’s writes in its last event, hashed with it, and applies them', async () => {
    const result = await store.appendToStream('acc-1', [newEvent('A'), newEvent('B')], {
      expectedVersion: 'no_stream',
      records: [insert('idempotency', 'k1', 'v1')],
    });
    expect(result.events[0]!.metadata.extra?.[CARRIED_RECORDS_FIELD]).toBeUndefined();
    expect(result.events[1]!.metadata.extra?.[CARRIED_RECORDS_FIELD]).toEqual([
      { op: 'insert', collection: 'idempotency', key: 'k1', value: 'v1', sortKey: null },
    ]);
    expect((await store.getRecord('idempotency', 'k1'))?.value).toBe('v1');
    expect((await verifyStream('acc-1', await store.readStream('acc-1'))).ok).toBe(true);
  });

  it('never puts a confidential write in the log: it is in SQL before the append', async () => {
    const secret: RecordWrite = { ...insert('data-key', 'acc-1', 'S3CRET'), confidential: true };
    await store.appendToStream('acc-1', [newEvent('Opened')], {
      expectedVersion: 'no_stream',
      records: [secret],
    });
    expect(JSON.stringify((await store.readAll()).map(eventJson))).not.toContain('S3CRET');
    expect((await store.getRecord('data-key', 'acc-1'))?.value).toBe('S3CRET');
  });

  it('refuses an insert over a taken key before appending anything', async () => {
    await store.writeRecords([insert('idempotency', 'k', 'first')]);
    await expect(
      store.appendToStream('acc-1', [newEvent('A')], {
        expectedVersion: 'no_stream',
        records: [insert('idempotency', 'k', 'second')],
      }),
    ).rejects.toBeInstanceOf(DuplicateRecord);
    expect(await store.readAll()).toHaveLength(0);
  });

  it('refuses concurrent appends of this process that insert the same key', async () => {
    const append = (stream: string) =>
      store.appendToStream(stream, [newEvent('A')], {
        expectedVersion: 'no_stream',
        records: [insert('idempotency', 'same', stream)],
      });
    const outcomes = await Promise.allSettled([append('acc-1'), append('acc-2')]);
    expect(outcomes.map((o) => o.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect(await store.readAll()).toHaveLength(1);
  });

  it('after a crash between the append and the records, the next command on the stream applies them once', async () => {
    const crashed = process({ failRecordsAfterAppend: true });
    await crashed.appendToStream('acc-1', [newEvent('A')], {
      expectedVersion: 'no_stream',
      records: [insert('idempotency', 'k', 'v'), insert('outbox', 'acc-1/1', 'mail')],
    });
    expect(await store.getRecord('idempotency', 'k')).toBeUndefined();

    await store.settleRecords('acc-1');
    await store.settleRecords('acc-1');
    expect((await store.getRecord('idempotency', 'k'))?.value).toBe('v');
    expect(await store.listRecords('outbox')).toHaveLength(1);
  });

  it('after a crash, the background applier applies what no command came back for, once', async () => {
    const crashed = process({ failRecordsAfterAppend: true });
    for (const stream of ['acc-1', 'acc-2', 'acc-3']) {
      await crashed.appendToStream(stream, [newEvent('A')], {
        expectedVersion: 'no_stream',
        records: [{ op: 'upsert', collection: 'deadline', key: stream, value: 'due' }],
      });
    }
    // The engine settles an account before each command, as here.
    await store.settleRecords('acc-1');
    await store.appendToStream('acc-1', [newEvent('B')], {
      expectedVersion: 1,
      records: [{ op: 'delete', collection: 'deadline', key: 'acc-1' }],
    });
    // acc-1's later delete is applied; its earlier upsert must not come back.
    const survivor = process();
    expect(await survivor.catchUpRecords()).toBe(2);
    expect(await survivor.catchUpRecords()).toBe(0);
    expect((await survivor.listRecords('deadline')).map((r) => r.key)).toEqual(['acc-2', 'acc-3']);
  });

  it('a late insert whose key another process took meanwhile is dropped and reported', async () => {
    const dropped: string[] = [];
    const crashed = process({ failRecordsAfterAppend: true });
    await crashed.appendToStream('acc-1', [newEvent('A')], {
      expectedVersion: 'no_stream',
      records: [insert('idempotency', 'k', 'from acc-1'), insert('outbox', 'o1', 'x')],
    });
    await store.writeRecords([insert('idempotency', 'k', 'from elsewhere')]);
    const survivor = new SplitEventStore({
      events: new EventStoreDbEventStore(new FakeEsdbClient(server), { now: () => NOW }),
      records,
      onDroppedInsert: (write, event) => dropped.push(`${write.key}@${event.streamId}`),
    });
    opened.push(survivor);
    await survivor.settleRecords('acc-1');
    expect((await store.getRecord('idempotency', 'k'))?.value).toBe('from elsewhere');
    expect(await store.getRecord('outbox', 'o1')).toBeDefined();
    expect(dropped).toEqual(['k@acc-1']);
  });

  it('works over any events-only store (memory here)', async () => {
    const split = new SplitEventStore({ events: new MemoryEventStore(), records });
    await split.appendToStream('s', [newEvent('A')], {
      expectedVersion: 'no_stream',
      records: [insert('c', 'k', 'v')],
    });
    expect((await split.getRecord('c', 'k'))?.value).toBe('v');
  });
});

/** The record store as seen by a process that dies right after its event-store append. */
function failingWrites(records: SqliteEventStore): SqliteEventStore {
  return new Proxy(records, {
    get(target, property, receiver) {
      if (property === 'writeRecords')
        return () => Promise.reject(new Error('process died before applying records'));
      const value = Reflect.get(target, property, receiver) as unknown;
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
