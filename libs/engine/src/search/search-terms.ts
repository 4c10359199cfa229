import type { DomainEvent } from '@account-ops/accounts';

/**
 * What a search can find an account by. Names are indexed word by word (each word and its
 * prefixes of 3+ characters), the others whole. `id`: a refund id, a top-up id or a payment
 * reference — one kind, so a query reads them in one lookup.
 */
export type SearchKind = 'name' | 'email' | 'last4' | 'id';

/** One normalised text an account is found by. */
export interface SearchTerm {
  readonly kind: SearchKind;
  readonly text: string;
}

/** Shorter query words match whole words only; from this length on, prefixes too. */
export const MIN_PREFIX = 3;
/** Prefixes stop here: a longer query word matches on its first characters. */
export const MAX_PREFIX = 24;

/** Accents and case folded away: "Émile" and "emile" are one word, "Weiß" and "weiss" too. */
export function foldText(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/ß/g, 'ss');
}

/** The folded words of a name ("Anne-Marie O'Neil" → anne, marie, o, neil). */
export function nameWords(text: string): string[] {
  return foldText(text)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length > 0)
    .map((word) => word.slice(0, MAX_PREFIX));
}

/** What one word of a name is found by: itself when short, else each prefix of 3+ characters. */
function wordTerms(word: string): string[] {
  if (word.length < MIN_PREFIX) return [word];
  const prefixes: string[] = [];
  for (let end = MIN_PREFIX; end <= word.length; end++) prefixes.push(word.slice(0, end));
  return prefixes;
}

/** A name's terms: every word, and every prefix of 3+ characters of each word. */
export function nameTerms(name: string): SearchTerm[] {
  const texts = new Set(nameWords(name).flatMap(wordTerms));
  return [...texts].map((text) => ({ kind: 'name', text }));
}

export const normaliseEmail = (email: string): string => email.trim().toLowerCase();

/**
 * The terms one event adds to its account (before it is sealed: names and e-mails are
 * in clear here). Pure, so a re-index from the stored events finds what the commit did.
 */
export function termsOfEvent(event: DomainEvent): SearchTerm[] {
  switch (event.type) {
    case 'AccountOpened':
      return [
        ...nameTerms(event.data.ownerName),
        { kind: 'email', text: normaliseEmail(event.data.ownerEmail) },
      ];
    case 'BankCardChanged':
      return [{ kind: 'last4', text: event.data.last4 }];
    case 'RefundRequested':
      return [{ kind: 'id', text: event.data.refundId }];
    case 'TopUpInitiated':
      return [
        { kind: 'id', text: event.data.topUpId },
        { kind: 'id', text: event.data.paymentReference },
      ];
    default:
      return [];
  }
}

/** How a query is looked up: any exact term matches; a name needs every word to match. */
export interface QueryTerms {
  readonly exact: readonly SearchTerm[];
  /** One term per word of the query, all of which the account's name must hold. */
  readonly nameWords: readonly SearchTerm[];
}

export function queryTerms(query: string): QueryTerms {
  const text = query.trim();
  const exact: SearchTerm[] = [{ kind: 'id', text }];
  if (/^\d{4}$/.test(text)) exact.push({ kind: 'last4', text });
  if (text.includes('@')) {
    exact.push({ kind: 'email', text: normaliseEmail(text) });
    return { exact, nameWords: [] };
  }
  const words = [...new Set(nameWords(text))].map((word) => ({
    kind: 'name' as const,
    text: word,
  }));
  return { exact, nameWords: words };
}
