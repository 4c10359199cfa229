import type { DomainEvent } from '@account-ops/accounts';
import type { RecordStore, RecordWrite } from '@account-ops/event-store';
import { BlindIndex, TOKEN_LENGTH } from './blind-index';
import { queryTerms, termsOfEvent, type SearchKind, type SearchTerm } from './search-terms';

/** token ‖ accountId → the account holds the term: what a query reads (a key-prefix range). */
export const SEARCH_TOKEN_COLLECTION = 'search-token';
/** accountId/kind/token → the same row seen from the account: what closure deletes. */
export const SEARCH_ACCOUNT_COLLECTION = 'search-account';

/** Postings of one name word read as a list; a word held by more is checked per candidate. */
const MAX_NAME_CANDIDATES = 5000;
/** Candidates checked by point reads at a time. */
const PAGE = 250;

/** What a search found in the index. */
export interface SearchHits {
  /** Account ids, exact matches (e-mail, last4, refund, top-up, payment reference) first. */
  readonly accountIds: readonly string[];
  /** More accounts matched than were returned. */
  readonly truncated: boolean;
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
    /** Postings of one name word read as a list (tests lower it). */
    private readonly maxNameCandidates = MAX_NAME_CANDIDATES,
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
   * Accounts whose name holds every word. Each word's postings are read as one range (up to
   * MAX_NAME_CANDIDATES); the complete lists are intersected in memory. A word held by more
   * accounts than that (a very common first name) is checked per candidate instead: first
   * against the part of its list that was read, then by point reads, a page at a time.
   */
  private async byName(
    words: readonly SearchTerm[],
    want: number,
    skip: ReadonlySet<string>,
  ): Promise<string[]> {
    const lists = await Promise.all(
      words.map(async (term) => {
        const token = this.#blind.token(term);
        const ids = await this.postings(token, this.maxNameCandidates + 1);
        return { token, ids, complete: ids.length <= this.maxNameCandidates };
      }),
    );
    const complete = lists.filter((l) => l.complete).sort((a, b) => a.ids.length - b.ids.length);
    const partial = lists.filter((l) => !l.complete);
    // Every word is very common: the first accounts of one of them are the candidates.
    const base = complete[0] ?? partial.shift()!;
    let candidates = base.ids.slice(0, this.maxNameCandidates);
    for (const list of complete.slice(1)) {
      const held = new Set(list.ids);
      candidates = candidates.filter((id) => held.has(id));
    }
    candidates = candidates.filter((id) => !skip.has(id));
    if (partial.length === 0) return candidates.slice(0, want);
    const read = partial.map((list) => ({ token: list.token, ids: new Set(list.ids) }));
    const matches: string[] = [];
    for (let from = 0; from < candidates.length && matches.length < want; from += PAGE) {
      const page = candidates.slice(from, from + PAGE);
      // Checked together: a pooled store (PostgreSQL) answers the point reads in parallel.
      const held = await Promise.all(
        page.map((id) =>
          this.holdsAll(
            id,
            read.filter((list) => !list.ids.has(id)).map((list) => list.token),
          ),
        ),
      );
      for (const [i, accountId] of page.entries()) {
        if (held[i] && matches.length < want) matches.push(accountId);
      }
    }
    return matches;
  }

  private async holdsAll(accountId: string, tokens: readonly string[]): Promise<boolean> {
    for (const token of tokens) {
      if (!(await this.records.getRecord(SEARCH_TOKEN_COLLECTION, `${token}${accountId}`)))
        return false;
    }
    return true;
  }

  private async postings(token: string, limit: number): Promise<string[]> {
    const rows = await this.records.listRecords(SEARCH_TOKEN_COLLECTION, {
      keyPrefix: token,
      // Every key of the token is longer than the token: a range read from it.
      keyAfter: token,
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
