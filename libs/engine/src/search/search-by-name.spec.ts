import type { DomainEvent } from '@account-ops/accounts';
import { MemoryEventStore } from '@account-ops/event-store';
import fc from 'fast-check';
import { SearchIndex } from './search-index';
import { nameWords } from './search-terms';

const SEARCH_KEY = 'test-search-key-0123456789';

// Few words, so that lists overlap a lot and some words are held by most accounts.
const word = fc.constantFrom(
  'anna',
  'annabel',
  'ann',
  'clara',
  'clarissa',
  'li',
  'schmidt',
  'schulz',
);
const name = fc.array(word, { minLength: 1, maxLength: 3 }).map((words) => words.join(' '));
const queryWord = fc.constantFrom(
  'ann',
  'anna',
  'annab',
  'cla',
  'clar',
  'clara',
  'li',
  'sch',
  'schm',
  'schulz',
  'zed',
);

/** What a name search means (SPEC): every query word is a word of the name or, from 3 characters, the start of one. */
function holds(owner: string, query: string): boolean {
  const words = nameWords(owner);
  return nameWords(query).every((q) =>
    words.some((w) => w === q || (q.length >= 3 && w.startsWith(q))),
  );
}

describe('search by name: the lists walked a page at a time', () => {
  it('finds exactly the first matching accounts (exact hits, then names in id order), whatever the page size', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(name, { minLength: 1, maxLength: 40 }),
        fc.array(queryWord, { minLength: 1, maxLength: 3 }),
        fc.integer({ min: 1, max: 7 }),
        fc.integer({ min: 1, max: 12 }),
        async (names, words, page, limit) => {
          const query = words.join(' ');
          const store = new MemoryEventStore();
          const writer = new SearchIndex(store, SEARCH_KEY);
          for (const [i, ownerName] of names.entries()) {
            const opened = {
              type: 'AccountOpened',
              data: { ownerName, ownerEmail: `a${i}@example.com` },
            };
            // Ids whose order differs from the order they were opened in.
            const accountId = `acc-${(i * 7) % 41}-${i}`;
            // Every fifth also has a top-up whose id is the query: found exactly, listed first.
            const topUp = {
              type: 'TopUpInitiated',
              data: { topUpId: query, paymentReference: `ref-${i}` },
            };
            const events = i % 5 === 0 ? [opened, topUp] : [opened];
            await store.writeRecords(await writer.writesFor(accountId, events as DomainEvent[]));
          }
          const accounts = names.map((ownerName, i) => ({
            i,
            ownerName,
            accountId: `acc-${(i * 7) % 41}-${i}`,
          }));
          const byId = accounts
            .filter(({ i }) => i % 5 === 0)
            .map(({ accountId }) => accountId)
            .sort();
          const byName = accounts
            .filter(
              ({ ownerName, accountId }) => holds(ownerName, query) && !byId.includes(accountId),
            )
            .map(({ accountId }) => accountId)
            .sort();
          const expected = [...byId, ...byName];
          const found = await new SearchIndex(store, SEARCH_KEY, page).find(query, limit);
          expect(found.accountIds).toEqual(expected.slice(0, limit));
          expect(found.truncated).toBe(expected.length > limit);
        },
      ),
      { numRuns: 300 },
    );
  });
});
