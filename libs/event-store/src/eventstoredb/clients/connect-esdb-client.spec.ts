import { EventStoreDBClient } from '@eventstore/db-client';
import { KurrentDBClient } from '@kurrent/kurrentdb-client';
import { esdbClientKind } from './client-kind';
import { connectEsdbClient } from './connect-esdb-client';

describe('esdbClientKind', () => {
  it.each([
    ['kurrentdb://node1:2113?tls=false', 'kurrentdb'],
    ['kurrentdb+discover://cluster:2113', 'kurrentdb'],
    ['esdb://node1:2113,node2:2113', 'eventstoredb'],
    ['esdb+discover://cluster:2113', 'eventstoredb'],
    ['kdb://node1:2113', undefined],
    ['postgres://db/aos', undefined],
  ])('%s → %s', (url, kind) => {
    expect(esdbClientKind(url)).toBe(kind);
  });
});

describe('connectEsdbClient', () => {
  afterEach(() => jest.restoreAllMocks());

  // The clients connect lazily: building one opens no connection, so no server is needed.
  it.each([
    ['kurrentdb://admin:changeit@127.0.0.1:1?tls=false', 'kurrentdb'],
    ['kurrentdb+discover://127.0.0.1:1?tls=false', 'kurrentdb'],
    ['esdb://admin:changeit@127.0.0.1:1?tls=false', 'eventstoredb'],
    ['esdb+discover://127.0.0.1:1?tls=false', 'eventstoredb'],
  ])('builds %s on the %s client, and only that one', async (url, kind) => {
    const kurrent = jest.spyOn(KurrentDBClient, 'connectionString');
    const v6 = jest.spyOn(EventStoreDBClient, 'connectionString');
    const client = await connectEsdbClient(url);
    await client.dispose();
    expect(kurrent).toHaveBeenCalledTimes(kind === 'kurrentdb' ? 1 : 0);
    expect(v6).toHaveBeenCalledTimes(kind === 'eventstoredb' ? 1 : 0);
    expect((kind === 'kurrentdb' ? kurrent : v6).mock.calls[0]).toEqual([url]);
  });

  it('refuses another scheme without echoing the URL', async () => {
    const error = await connectEsdbClient('mysql://admin:s3cret@db').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(/kurrentdb:\/\/.*esdb:\/\//);
    expect((error as Error).message).not.toMatch(/s3cret|mysql/);
  });
});
