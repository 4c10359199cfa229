import { EventStoreDBClient } from '@eventstore/db-client';
import { KurrentDBClient } from '@kurrent/kurrentdb-client';
import { EventStoreDbEventStore } from '../eventstoredb/eventstoredb-event-store';
import { FakeEventStoreDbDriver } from '../eventstoredb/testing/fake-eventstoredb-driver';
import { FakeEsdbClient, FakeEsdbServer } from '../eventstoredb/testing/fake-esdb';
import { FakeKurrentDbDriver } from '../eventstoredb/testing/fake-kurrentdb-driver';
import { newEvent } from '../contract/sample-events';
import { SplitEventStore } from '../split/split-event-store';
import { openEsdbEventStore, openEventStore } from './open-event-store';

describe('opening an EventStoreDB store by URL', () => {
  afterEach(() => jest.restoreAllMocks());

  it.each(['esdb', 'kurrentdb'])(
    'refuses %s:// without a read store for records and read models',
    async (scheme) => {
      const error = await openEventStore(`${scheme}://admin:s3cret@node1:2113?tls=false`).catch(
        (e: unknown) => e,
      );
      if (!(error instanceof Error)) throw new Error('expected a refusal');
      expect(error.message).toMatch(`ACCOUNT_OPS_STORE=${scheme}://… keeps events only`);
      expect(error.message).toMatch(/ACCOUNT_OPS_READ_STORE/);
      expect(error.message).not.toMatch(/s3cret|node1/);
    },
  );

  it.each(['esdb://node1:2113?tls=false', 'kurrentdb://admin:changeit@node1:2113?tls=false'])(
    'opens %s with a read store as the split store, applier running',
    async (url) => {
      const events = new EventStoreDbEventStore(new FakeEsdbClient());
      const connect = jest.spyOn(EventStoreDbEventStore, 'connect').mockResolvedValue(events);
      const store = await openEventStore(url, { readStore: 'memory:' });
      expect(store).toBeInstanceOf(SplitEventStore);
      expect(connect).toHaveBeenCalledWith({ connectionString: url, now: undefined });
      await store.appendToStream('s', [newEvent('E')], {
        expectedVersion: 'no_stream',
        records: [{ op: 'insert', collection: 'c', key: 'k', value: 1 }],
      });
      expect((await store.getRecord('c', 'k'))?.value).toBe(1);
      await store.close();
    },
  );

  it.each([
    ['esdb://node1:2113', 'esdb://node2:2113', /must be a postgres:\/\/ URL/],
    ['esdb://node1:2113', 'sqlite:./x.db', /must be a postgres:\/\/ URL/],
    ['kurrentdb://node1:2113', 'sqlite:./x.db', /must be a postgres:\/\/ URL/],
    [
      'sqlite::memory:',
      'postgres://db/x',
      /only used with ACCOUNT_OPS_STORE=kurrentdb:\/\/… or esdb:\/\/…/,
    ],
  ])('refuses store %s with read store %s', async (url, readStore, message) => {
    await expect(openEventStore(url, { readStore })).rejects.toThrow(message);
  });

  it.each([
    'esdb://node1:2113?tls=false',
    'esdb+discover://cluster:2113',
    'kurrentdb://node1:2113?tls=false',
    'kurrentdb+discover://cluster:2113',
  ])('opens %s as an events-only store', async (url) => {
    const store = new EventStoreDbEventStore(new FakeEsdbClient());
    const connect = jest.spyOn(EventStoreDbEventStore, 'connect').mockResolvedValue(store);
    await expect(openEsdbEventStore(url, { namespace: 'aos-' })).resolves.toBe(store);
    expect(connect).toHaveBeenCalledWith({ connectionString: url, namespace: 'aos-' });
    await store.close();
  });

  // The whole path from the URL to the npm client, with only the client's network end
  // replaced: the client's connectionString() hands back the fake driver of its shape.
  it.each([
    ['kurrentdb://admin:changeit@node1:2113?tls=false', 'kurrentdb'],
    ['esdb://admin:changeit@node1:2113?tls=false', 'eventstoredb'],
  ])('opens %s on the %s client, end to end', async (url, client) => {
    const server = new FakeEsdbServer();
    const kurrent = jest
      .spyOn(KurrentDBClient, 'connectionString')
      .mockReturnValue(new FakeKurrentDbDriver(server) as unknown as KurrentDBClient);
    const v6 = jest
      .spyOn(EventStoreDBClient, 'connectionString')
      .mockReturnValue(new FakeEventStoreDbDriver(server) as unknown as EventStoreDBClient);
    const store = await openEventStore(url, { readStore: 'memory:' });
    expect((client === 'kurrentdb' ? kurrent : v6).mock.calls).toEqual([[url]]);
    expect((client === 'kurrentdb' ? v6 : kurrent).mock.calls).toEqual([]);
    await store.appendToStream('s', [newEvent('E')], { expectedVersion: 'no_stream' });
    await expect(
      store.appendToStream('s', [newEvent('F')], { expectedVersion: 'no_stream' }),
    ).rejects.toMatchObject({ code: 'WRONG_EXPECTED_VERSION', actual: 1 });
    expect(server.streams.get('s')?.map((e) => e.type)).toEqual(['E']);
    await store.close();
  });

  it('refuses other URLs', async () => {
    await expect(openEsdbEventStore('postgres://db/aos')).rejects.toThrow(
      /needs a kurrentdb:\/\/, kurrentdb\+discover:\/\/, esdb:\/\/ or esdb\+discover:\/\/ URL/,
    );
  });
});
