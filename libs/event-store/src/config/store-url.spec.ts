import { DEFAULT_STORE_URL, InvalidStoreUrl, parseStoreUrl } from './store-url';

describe('parseStoreUrl', () => {
  it.each([
    ['memory:', { kind: 'memory' }],
    ['sqlite:./data/x.db', { kind: 'sqlite', filename: './data/x.db' }],
    ['sqlite:///var/lib/aos/events.db', { kind: 'sqlite', filename: '/var/lib/aos/events.db' }],
    ['sqlite::memory:', { kind: 'sqlite', filename: ':memory:' }],
    [
      'postgres://u:p@db:5432/aos',
      { kind: 'postgres', connectionString: 'postgres://u:p@db:5432/aos' },
    ],
    ['postgresql://db/aos', { kind: 'postgres', connectionString: 'postgresql://db/aos' }],
    [
      'esdb://node1:2113?tls=false',
      {
        kind: 'eventstoredb',
        connectionString: 'esdb://node1:2113?tls=false',
        client: 'eventstoredb',
      },
    ],
    [
      'esdb+discover://cluster:2113',
      {
        kind: 'eventstoredb',
        connectionString: 'esdb+discover://cluster:2113',
        client: 'eventstoredb',
      },
    ],
    [
      'kurrentdb://admin:changeit@node1:2113?tls=false',
      {
        kind: 'eventstoredb',
        connectionString: 'kurrentdb://admin:changeit@node1:2113?tls=false',
        client: 'kurrentdb',
      },
    ],
    [
      ' kurrentdb+discover://cluster:2113?nodePreference=leader ',
      {
        kind: 'eventstoredb',
        connectionString: 'kurrentdb+discover://cluster:2113?nodePreference=leader',
        client: 'kurrentdb',
      },
    ],
  ])('parses %s', (url, expected) => {
    expect(parseStoreUrl(url)).toEqual(expected);
  });

  it('defaults to the embedded SQLite file', () => {
    expect(DEFAULT_STORE_URL).toBe('sqlite:./data/account-ops.db');
    expect(parseStoreUrl()).toEqual({ kind: 'sqlite', filename: './data/account-ops.db' });
  });

  // kurrent:// and kdb:// are the KurrentDB client's aliases; we accept its documented scheme.
  it.each(['', 'sqlite:', 'mysql://db', 'file.db', 'kurrent://node1:2113', 'KURRENTDB://node1'])(
    'refuses %j',
    (url) => {
      expect(() => parseStoreUrl(url)).toThrow(InvalidStoreUrl);
    },
  );

  it('does not echo credentials in the error, and names the accepted schemes', () => {
    expect(() => parseStoreUrl('mongodb://admin:s3cret@db')).toThrow(/^(?!.*s3cret)/);
    expect(() => parseStoreUrl('kdb://admin:s3cret@db')).toThrow(/kurrentdb:\/\/… or esdb:\/\/…/);
  });
});
