import { EventStoreDbEventStore } from '../eventstoredb/eventstoredb-event-store';
import { FakeEsdbClient } from '../eventstoredb/testing/fake-esdb';
import { openEsdbEventStore, openEventStore } from './open-event-store';

describe('opening an EventStoreDB store by URL', () => {
  afterEach(() => jest.restoreAllMocks());

  it('refuses esdb:// as the engine store: records and read models need the SQL read store', async () => {
    const error = await openEventStore('esdb://admin:s3cret@node1:2113?tls=false').catch(
      (e: unknown) => e,
    );
    if (!(error instanceof Error)) throw new Error('expected a refusal');
    expect(error.message).toMatch(/ACCOUNT_OPS_READ_STORE/);
    expect(error.message).toMatch(/openEsdbEventStore/);
    expect(error.message).not.toMatch(/s3cret|node1/);
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
