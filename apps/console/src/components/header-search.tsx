import { useId, useRef, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import type { SearchResult } from '../api/types';
import { ACCOUNT_STATUSES, words } from '../format/labels';
import { asFailure } from '../hooks/use-resource';
import { can, useSignedIn } from '../session/session';
import { Money } from './money';

type Found =
  | { readonly phase: 'idle' }
  | { readonly phase: 'searching' }
  | { readonly phase: 'found'; readonly result: SearchResult }
  | { readonly phase: 'failed'; readonly message: string };

/**
 * "Search accounts" in the header: by id, owner name, e-mail, card last4, refund or
 * top-up id, payment reference. The text lives in this component's state and in the POST
 * body only — never in a URL, the history, a log line or storage — and is forgotten once
 * another screen opens (the layout mounts a fresh one per path).
 */
export function HeaderSearch() {
  const { session, client } = useSignedIn();
  const [text, setText] = useState('');
  const [found, setFound] = useState<Found>({ phase: 'idle' });
  const resultsId = useId();
  const input = useRef<HTMLInputElement>(null);

  if (!can(session, 'searchAccounts')) return null;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const query = text.trim();
    if (query === '') return;
    setFound({ phase: 'searching' });
    try {
      const result = await client.find<SearchResult>('/search', { query });
      setFound({ phase: 'found', result });
    } catch (error) {
      setFound({ phase: 'failed', message: asFailure(error).message });
    }
  };
  const close = () => {
    setFound({ phase: 'idle' });
    input.current?.focus();
  };

  return (
    <div className="header-search">
      <form role="search" aria-label="Search accounts" onSubmit={(e) => void submit(e)}>
        <label htmlFor="header-search-input" className="visually-hidden">
          Search accounts
        </label>
        <input
          ref={input}
          id="header-search-input"
          type="search"
          autoComplete="off"
          spellCheck={false}
          placeholder="Search accounts"
          value={text}
          maxLength={200}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={(e) => e.key === 'Escape' && close()}
          aria-controls={found.phase === 'idle' ? undefined : resultsId}
        />
        <button type="submit">Search</button>
      </form>
      {found.phase !== 'idle' && (
        <section
          id={resultsId}
          className="search-results card"
          aria-label="Search results"
          onKeyDown={(e) => e.key === 'Escape' && close()}
        >
          {found.phase === 'searching' && <p role="status">Searching…</p>}
          {found.phase === 'failed' && (
            <p className="error" role="alert">
              {found.message}
            </p>
          )}
          {found.phase === 'found' && <Results result={found.result} />}
          <button type="button" className="link" onClick={close}>
            Close
          </button>
        </section>
      )}
    </div>
  );
}

function Results({ result }: { result: SearchResult }) {
  if (result.items.length === 0)
    return (
      <p role="status">
        No account found. Names match whole words or their first 3+ letters; e-mails, card last4,
        refund and top-up ids match exactly.
      </p>
    );
  return (
    <>
      <p role="status">
        {result.items.length} account{result.items.length === 1 ? '' : 's'} found
        {result.truncated ? ' (more match: add a word to narrow it)' : ''}.
      </p>
      <ul className="search-items">
        {result.items.map((item) => (
          <li key={item.accountId}>
            <Link to={`/accounts/${encodeURIComponent(item.accountId)}`}>
              <span className="search-owner">{item.ownerName ?? '(personal data erased)'}</span>{' '}
              <span className="search-id">{item.accountId}</span>
            </Link>{' '}
            <span className="search-facts">
              {ACCOUNT_STATUSES[item.status] ?? words(item.status)}
              {item.frozen ? ' · frozen' : ''} · available{' '}
              <Money minor={item.balance.available} currency={item.currency || null} />
            </span>
          </li>
        ))}
      </ul>
    </>
  );
}
