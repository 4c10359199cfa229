import { EventStoreDbEventStore } from '../eventstoredb/eventstoredb-event-store';
import { FakeEsdbClient } from '../eventstoredb/testing/fake-esdb';
import { newEvent } from '../contract/sample-events';
import { SplitEventStore } from '../split/split-event-store';
import { openEsdbEventStore, openEventStore } from './open-event-store';

describe('opening an EventStoreDB store by URL', () => {
  afterEach(() => jest.restoreAllMocks());

  it('refuses esdb:// without a read store for records and read models', async () => {
    const error = await openEventStore('esdb://admin:s3cret@node1:2113?tls=false').catch(
      (e: unknown) => e,
    );
    if (!(error instanceof Error)) throw new Error('expected a refusal');
    expect(error.message).toMatch(/ACCOUNT_OPS_READ_STORE/);
    expect(error.message).not.toMatch(/s3cret|node1/);
  });

  it('opens esdb:// with a read store as the split store, applier running', async () => {
    const events = new EventStoreDbEventStore(new FakeEsdbClient());
    const connect = jest.spyOn(EventStoreDbEventStore, 'connect').mockResolvedValue(events);
    const store = await openEventStore('esdb://node1:2113?tls=false', { readStore: 'memory:' });
    expect(store).toBeInstanceOf(SplitEventStore);
    expect(connect).toHaveBeenCalledWith({
      connectionString: 'esdb://node1:2113?tls=false',
      now: undefined,
    });
    await store.appendToStream('s', [newEvent('E')], {
      expectedVersion: 'no_stream',
      records: [{ op: 'insert', collection: 'c', key: 'k', value: 1 }],
    });
    expect((await store.getRecord('c', 'k'))?.value).toBe(1);
    await store.close();
  });

  it.each([
    ['esdb://node1:2113', 'esdb://node2:2113', /must be a postgres:\/\/ URL/],
    ['esdb://node1:2113', 'sqlite:./x.db', /must be a postgres:\/\/ URL/],
    ['sqlite::memory:', 'postgres://db/x', /only used with ACCOUNT_OPS_STORE=esdb/],
  ])('refuses store %s with read store %s', async (url, readStore, message) => {
    await expect(openEventStore(url, { readStore })).rejects.toThrow(message);
  });

  it.each(['esdb://node1:2113?tls=false', 'esdb+discover://cluster:2113'])(
    'opens %s as an events-only store',
    async (url) => {
      const store = new EventStoreDbEventStore(new FakeEsdbClient());
      const connect = jest.spyOn(EventStoreDbEventStore, 'connect').mockResolvedValue(store);
      await expect(openEsdbEventStore(url, { namespace: 'aos-' })).resolves.toBe(store);
      expect(connect).toHaveBeenCalledWith({ connectionString: url, namespace: 'aos-' });
      await store.close();
    },
  );

  it('refuses other URLs', async () => {
    await expect(openEsdbEventStore('postgres://db/aos')).rejects.toThrow(/esdb:\/\//);
  });
});
