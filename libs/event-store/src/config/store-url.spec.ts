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
      { kind: 'eventstoredb', connectionString: 'esdb://node1:2113?tls=false' },
    ],
    [
      'esdb+discover://cluster:2113',
      { kind: 'eventstoredb', connectionString: 'esdb+discover://cluster:2113' },
    ],
  ])('parses %s', (url, expected) => {
    expect(parseStoreUrl(url)).toEqual(expected);
  });

  it('defaults to the embedded SQLite file', () => {
    expect(DEFAULT_STORE_URL).toBe('sqlite:./data/account-ops.db');
    expect(parseStoreUrl()).toEqual({ kind: 'sqlite', filename: './data/account-ops.db' });
  });

  it.each(['', 'sqlite:', 'mysql://db', 'file.db'])('refuses %j', (url) => {
    expect(() => parseStoreUrl(url)).toThrow(InvalidStoreUrl);
  });

  it('does not echo credentials in the error', () => {
    expect(() => parseStoreUrl('mongodb://admin:s3cret@db')).toThrow(/^(?!.*s3cret)/);
  });
});
