import type { DomainEvent } from '@account-ops/accounts';
import { readRecords, type RecordStore, type RecordWrite } from '@account-ops/event-store';
import { BlindIndex, TOKEN_LENGTH } from './blind-index';
import { queryTerms, termsOfEvent, type SearchKind, type SearchTerm } from './search-terms';

/** token ‖ accountId → the account holds the term: what a query reads (a key-prefix range). */
export const SEARCH_TOKEN_COLLECTION = 'search-token';
/** accountId/kind/token → the same row seen from the account: what closure deletes. */
export const SEARCH_ACCOUNT_COLLECTION = 'search-account';

/** Postings of one name word read at a time (a page of its list). */
const NAME_PAGE = 500;

/** What a search found in the index. */
export interface SearchHits {
  /** Account ids, exact matches (e-mail, last4, refund, top-up, payment reference) first. */
  readonly accountIds: readonly string[];
  /** More accounts matched than were returned. */
  readonly truncated: boolean;
}

/** A run of one token's posting list (account ids in key order). */
interface PostingPage {
  readonly token: string;
  readonly ids: readonly string[];
  /** The list goes on after the last id. */
  readonly more: boolean;
}

interface IndexRow {
  readonly kind: SearchKind;
  readonly token: string;
}

const accountRowKey = (accountId: string, row: IndexRow) => `${accountId}/${row.kind}/${row.token}`;

/**
 * The search read model: blind-index tokens of what an account can be found by, written
 * by the engine in the transaction of the command that brought the clear text (an open,
 * a card change, a refund, a top-up), and deleted in the transaction that closes the
 * account. Being records, not a projection, a projection rebuild cannot bring a closed
 * account's rows back; `reindexWrites` rebuilds one account from its (opened) events.
 */
export class SearchIndex {
  readonly #blind: BlindIndex;

  constructor(
    private readonly records: RecordStore,
    searchKey: string,
    /** Postings of one name word read at a time (tests lower it). */
    private readonly namePage = NAME_PAGE,
  ) {
    this.#blind = new BlindIndex(searchKey);
  }

  /** The record writes that keep the index true after `events` are appended (in clear). */
  async writesFor(accountId: string, events: readonly DomainEvent[]): Promise<RecordWrite[]> {
    if (events.some((event) => event.type === 'AccountClosed')) return this.eraseWrites(accountId);
    const rows = this.rows(events.flatMap(termsOfEvent));
    if (rows.length === 0) return [];
    // A new card replaces the old one's last4; an unchanged one is left as it is.
    const writes: RecordWrite[] = [];
    if (rows.some((row) => row.kind === 'last4')) {
      const old = await this.rowsOf(accountId, 'last4');
      const kept = new Set(rows.map((row) => row.token));
      writes.push(
        ...this.deletes(
          accountId,
          old.filter((row) => !kept.has(row.token)),
        ),
      );
    }
    return [...writes, ...this.upserts(accountId, rows)];
  }

  /** The writes that delete every row of an account. */
  async eraseWrites(accountId: string): Promise<RecordWrite[]> {
    return this.deletes(accountId, await this.rowsOf(accountId));
  }

  /**
   * The writes that make an account's rows exactly those of its history: `events` opened
   * (clear text), or none for a closed account. For accounts opened before the index
   * existed, and after the search key changed.
   */
  async reindexWrites(accountId: string, events: readonly DomainEvent[]): Promise<RecordWrite[]> {
    const existing = await this.rowsOf(accountId);
    const closed = events.some((event) => event.type === 'AccountClosed');
    let terms: SearchTerm[] = [];
    if (!closed) {
      for (const event of events) {
        const added = termsOfEvent(event);
        // Only the current card's last4.
        if (added.some((term) => term.kind === 'last4'))
          terms = terms.filter((term) => term.kind !== 'last4');
        terms.push(...added);
      }
    }
    const wanted = this.rows(terms);
    const wantedKeys = new Set(wanted.map((row) => accountRowKey(accountId, row)));
    const existingKeys = new Set(existing.map((row) => accountRowKey(accountId, row)));
    return [
      ...this.deletes(
        accountId,
        existing.filter((row) => !wantedKeys.has(accountRowKey(accountId, row))),
      ),
      ...this.upserts(
        accountId,
        wanted.filter((row) => !existingKeys.has(accountRowKey(accountId, row))),
      ),
    ];
  }

  /**
   * Accounts the query finds: by e-mail, card last4, refund id, top-up id or payment
   * reference exactly, or by name (every word of the query is a word of the name or,
   * from 3 characters, the start of one; accents and case folded).
   */
  async find(query: string, limit: number): Promise<SearchHits> {
    const { exact, nameWords } = queryTerms(query);
    const found = new Set<string>();
    const want = limit + 1;
    for (const term of exact) {
      for (const id of await this.postings(this.#blind.token(term), want)) found.add(id);
    }
    if (nameWords.length > 0 && found.size < want) {
      for (const id of await this.byName(nameWords, want - found.size, found)) found.add(id);
    }
    const accountIds = [...found];
    return { accountIds: accountIds.slice(0, limit), truncated: accountIds.length > limit };
  }

  /**
   * The first `want` accounts (in key order, `skip` left out) whose name holds every word.
   * Every word's postings are read as one range of up to `namePage` keys, in
   * parallel; a posting list is ordered by account id, so a list read only in part still
   * decides every id up to the last one read.
   * - Some list is complete (a rare word): its ids are the candidates, kept where every other
   *   list holds them; ids past a partial list's read part are looked up, all in one read.
   * - Every word is common: the lists are walked together, a page at a time from the same
   *   id on, like a merge join, until enough accounts match or a list ends.
   * So one word is one short read, and no query reads a long list to the end unless its
   * words rarely meet.
   */
  private async byName(
    words: readonly SearchTerm[],
    want: number,
    skip: ReadonlySet<string>,
  ): Promise<string[]> {
    const tokens = [...new Set(words.map((term) => this.#blind.token(term)))];
    if (tokens.length === 1) {
      const ids = await this.postings(tokens[0]!, want + skip.size);
      return ids.filter((id) => !skip.has(id)).slice(0, want);
    }
    const pages = await Promise.all(tokens.map((token) => this.postingPage(token, '')));
    const [rarest] = pages.filter((page) => !page.more).sort((a, b) => a.ids.length - b.ids.length);
    if (rarest) return this.checkCandidates(rarest, pages, want, skip);
    return this.walkTogether(pages, want, skip);
  }

  /** Candidates from the smallest complete list, kept where every other list holds them. */
  private async checkCandidates(
    rarest: PostingPage,
    pages: readonly PostingPage[],
    want: number,
    skip: ReadonlySet<string>,
  ): Promise<string[]> {
    const others = pages.filter((page) => page !== rarest);
    const sets = new Map(others.map((page) => [page, new Set(page.ids)]));
    const open: { id: string; tokens: string[] }[] = [];
    for (const id of rarest.ids) {
      if (skip.has(id)) continue;
      const unknown: string[] = [];
      let held = true;
      for (const page of others) {
        if (sets.get(page)!.has(id)) continue;
        // Not in the part read: absent, unless the list goes on past it.
        if (!page.more || id <= page.ids.at(-1)!) held = false;
        else unknown.push(page.token);
      }
      if (held) open.push({ id, tokens: unknown });
    }
    // One read for all the checks left (one round trip on PostgreSQL).
    const keys = open.flatMap(({ id, tokens }) => tokens.map((token) => `${token}${id}`));
    const held = new Set(
      (await readRecords(this.records, SEARCH_TOKEN_COLLECTION, keys)).map((r) => r.key),
    );
    return open
      .filter(({ id, tokens }) => tokens.every((token) => held.has(`${token}${id}`)))
      .slice(0, want)
      .map(({ id }) => id);
  }

  /** Common words only: their lists walked in step, each page starting where all had got to. */
  private async walkTogether(
    first: readonly PostingPage[],
    want: number,
    skip: ReadonlySet<string>,
  ): Promise<string[]> {
    const matches: string[] = [];
    let pages = first;
    for (;;) {
      // Every list is read up to `through` (or has ended): the ids up to there are decided.
      // (Account ids are ASCII, so JavaScript's order is the stores' byte order.)
      const going = pages.filter((page) => page.more).map((page) => page.ids.at(-1)!);
      const through = going.length > 0 ? going.reduce((low, id) => (id < low ? id : low)) : null;
      const [shortest, ...rest] = [...pages].sort((a, b) => a.ids.length - b.ids.length);
      const sets = rest.map((page) => new Set(page.ids));
      for (const id of shortest!.ids) {
        if (through !== null && id > through) break;
        if (!skip.has(id) && sets.every((set) => set.has(id))) matches.push(id);
        if (matches.length === want) return matches;
      }
      // Done when a list has ended by `through`: no account after it holds every word.
      if (through === null || pages.some((page) => !page.more && !(page.ids.at(-1)! > through)))
        return matches;
      pages = await Promise.all(pages.map((page) => this.postingPage(page.token, through)));
    }
  }

  /** Up to `namePage` ids of a token's list after `afterId`, and whether more follow. */
  private async postingPage(token: string, afterId: string): Promise<PostingPage> {
    const ids = await this.postings(token, this.namePage + 1, afterId);
    return { token, ids: ids.slice(0, this.namePage), more: ids.length > this.namePage };
  }

  /** Up to `limit` ids of a token's list (accounts in key order) after `afterId`. */
  private async postings(token: string, limit: number, afterId = ''): Promise<string[]> {
    const rows = await this.records.listRecords(SEARCH_TOKEN_COLLECTION, {
      keyPrefix: token,
      // Every key of the token is longer than the token: a range read from it.
      keyAfter: `${token}${afterId}`,
      limit,
    });
    return rows.map((row) => row.key.slice(TOKEN_LENGTH));
  }

  private rows(terms: readonly SearchTerm[]): IndexRow[] {
    const rows = new Map<string, IndexRow>();
    for (const term of terms) {
      const token = this.#blind.token(term);
      rows.set(`${term.kind}/${token}`, { kind: term.kind, token });
    }
    return [...rows.values()];
  }

  private async rowsOf(accountId: string, kind?: SearchKind): Promise<IndexRow[]> {
    // Account ids hold no '/', so the prefix is this account's rows only.
    const prefix = kind ? `${accountId}/${kind}/` : `${accountId}/`;
    const stored = await this.records.listRecords(SEARCH_ACCOUNT_COLLECTION, {
      keyPrefix: prefix,
      keyAfter: prefix,
    });
    return stored.map((record) => {
      const [kindPart, token] = record.key.slice(accountId.length + 1).split('/');
      return { kind: kindPart as SearchKind, token: token! };
    });
  }

  // Confidential: a split store writes them in SQL before the append, never into the
  // immutable log, so that closing the account really removes them.
  private upserts(accountId: string, rows: readonly IndexRow[]): RecordWrite[] {
    return rows.flatMap((row): RecordWrite[] => [
      {
        op: 'upsert',
        collection: SEARCH_TOKEN_COLLECTION,
        key: `${row.token}${accountId}`,
        value: 1,
        confidential: true,
      },
      {
        op: 'upsert',
        collection: SEARCH_ACCOUNT_COLLECTION,
        key: accountRowKey(accountId, row),
        value: 1,
        confidential: true,
      },
    ]);
  }

  private deletes(accountId: string, rows: readonly IndexRow[]): RecordWrite[] {
    return rows.flatMap((row): RecordWrite[] => [
      {
        op: 'delete',
        collection: SEARCH_TOKEN_COLLECTION,
        key: `${row.token}${accountId}`,
        confidential: true,
      },
      {
        op: 'delete',
        collection: SEARCH_ACCOUNT_COLLECTION,
        key: accountRowKey(accountId, row),
        confidential: true,
      },
    ]);
  }
}
