import { MemoryEventStore } from '@account-ops/event-store';
import { accountFixtures as fx, FakeClock } from '@account-ops/testing';
import { createAccountOps } from '../create-account-ops';
import { defaultKeyProvider } from '../privacy/default-key-provider';
import { SEARCH_ACCOUNT_COLLECTION, SEARCH_TOKEN_COLLECTION, SearchIndex } from './search-index';
import { reindexSearch } from './search-reindex';
import { nameTerms, queryTerms } from './search-terms';

const SEARCH_KEY = 'test-search-key-0123456789';

function engine(store = new MemoryEventStore(), searchKey: string | null = SEARCH_KEY) {
  const clock = new FakeClock(fx.NOW);
  const ops = createAccountOps({
    store,
    clock,
    cardFingerprintSecret: 'test-card-fingerprint-secret',
    // Every code passes: a second card needs one, and this test is about the index.
    stepUpVerifier: { verify: async () => true },
    ...(searchKey ? { searchKey } : {}),
  });
  return { store, clock, ops };
}

const open = (name: string, email = 'clara@example.com') =>
  fx.open({ ownerName: name, ownerEmail: email });

const ids = async (ops: ReturnType<typeof engine>['ops'], query: string) =>
  (await ops.search(query, 20)).accountIds;

const storedRows = async (store: MemoryEventStore) =>
  JSON.stringify([
    await store.listRecords(SEARCH_TOKEN_COLLECTION),
    await store.listRecords(SEARCH_ACCOUNT_COLLECTION),
  ]);

describe('search index (blind tokens written with the commit)', () => {
  it('indexes words and their 3+ prefixes, accents and case folded', () => {
    expect(nameTerms('Éva Li-Ström').map((t) => t.text)).toEqual([
      'eva',
      'li',
      'str',
      'stro',
      'strom',
    ]);
    expect(queryTerms('clara@Example.com ').exact).toContainEqual({
      kind: 'email',
      text: 'clara@example.com',
    });
    expect(queryTerms('1111').exact).toContainEqual({ kind: 'last4', text: '1111' });
  });

  it('finds an account by each key, and no clear text is stored', async () => {
    const { store, ops } = engine();
    await ops.execute(open('Clara Schmidt-Müller'));
    await ops.execute(fx.card(), fx.HOST_VERIFIED);
    await ops.execute(fx.topUp('tu-77', 5000));
    await ops.execute(fx.settle('tu-77'));
    await ops.execute(fx.refund('rf-9', 100));
    for (const query of [
      'Clara',
      'clara schmidt',
      'SCHM',
      'muller',
      'Müll cla',
      'CLARA@example.com',
      '1111',
      'rf-9',
      'tu-77',
      'ref-tu-77',
    ]) {
      expect([query, await ids(ops, query)]).toEqual([query, [fx.ACCOUNT_ID]]);
    }
    for (const query of ['cl', 'clara jones', 'schmidtx', '2222', 'rf-1', 'other@example.com']) {
      expect([query, await ids(ops, query)]).toEqual([query, []]);
    }
    const stored = await storedRows(store);
    for (const clear of ['clara', 'Clara', 'schmidt', 'example.com', 'rf-9', '1111'])
      expect(stored).not.toContain(clear);
  });

  it('replaces the last4 when the card changes', async () => {
    const { ops } = engine();
    await ops.execute(open('Clara Schmidt'));
    await ops.execute(fx.card(), fx.HOST_VERIFIED);
    await ops.execute(fx.card(fx.MASTERCARD), { stepUpCode: '000000' });
    expect(await ids(ops, '1111')).toEqual([]);
    expect(await ids(ops, '4444')).toEqual([fx.ACCOUNT_ID]);
  });

  it('deletes every row of an account in the transaction that closes it; a reindex does not bring them back', async () => {
    const { store, ops, clock } = engine();
    for (const command of fx.funded(1000)) await ops.execute(command, fx.setUpOptions(command));
    await ops.execute(fx.command('RequestCancellation', { reason: 'moving' }));
    await ops.execute(fx.command('ConfirmCancellation', {}));
    clock.advanceDays(30);
    await ops.deadlines.runDue();
    expect((await ops.load(fx.ACCOUNT_ID)).state.status).toBe('closed');
    expect(await store.listRecords(SEARCH_TOKEN_COLLECTION)).toEqual([]);
    expect(await store.listRecords(SEARCH_ACCOUNT_COLLECTION)).toEqual([]);
    await reindexSearch(store, defaultKeyProvider(store), SEARCH_KEY);
    expect(await store.listRecords(SEARCH_ACCOUNT_COLLECTION)).toEqual([]);
  });

  it('reindexes accounts opened before the index existed, through the vault', async () => {
    const store = new MemoryEventStore();
    const before = engine(store, null);
    await before.ops.execute(open('Li Wei', 'li.wei@example.com'));
    expect(await store.listRecords(SEARCH_TOKEN_COLLECTION)).toEqual([]);
    const report = await reindexSearch(store, defaultKeyProvider(store), SEARCH_KEY);
    expect(report.accounts).toBe(1);
    const after = engine(store);
    expect(await ids(after.ops, 'wei')).toEqual([fx.ACCOUNT_ID]);
    expect(await ids(after.ops, 'li.wei@example.com')).toEqual([fx.ACCOUNT_ID]);
    // A second run changes nothing.
    expect((await reindexSearch(store, defaultKeyProvider(store), SEARCH_KEY)).changedRows).toBe(0);
  });

  it('finds a name among many accounts holding its first word, and reports truncation', async () => {
    const { ops } = engine();
    for (let i = 0; i < 30; i++) {
      await ops.execute({
        ...open(i === 29 ? 'Anna Zebra' : `Anna Person${i}`),
        accountId: `a-${i}`,
      });
    }
    expect(await ids(ops, 'anna zeb')).toEqual(['a-29']);
    const many = await ops.search('anna', 10);
    expect(many.accountIds).toHaveLength(10);
    expect(many.truncated).toBe(true);
  });

  it('checks a word held by more accounts than it reads per candidate, and still finds every match', async () => {
    const { store, ops } = engine();
    for (let i = 0; i < 12; i++) {
      const name = i % 4 === 0 ? `Anna Zed${i}` : `Anna Other${i}`;
      await ops.execute({ ...open(name, `a${i}@example.com`), accountId: `c-${i}` });
    }
    // At most 5 postings read per word: "anna" (12) is partial, "zed" (3) complete.
    const small = new SearchIndex(store, SEARCH_KEY, 5);
    expect((await small.find('anna zed', 20)).accountIds).toEqual(['c-0', 'c-4', 'c-8']);
    // Both partial ("ann" and "anna" held by all 12): the first accounts of one are checked.
    expect((await small.find('ann anna', 3)).accountIds).toHaveLength(3);
    expect((await small.find('anna zed8', 20)).accountIds).toEqual(['c-8']);
  });
});
