import { useState, type FormEvent } from 'react';
import { Navigate, useLocation } from 'react-router';
import { plainWords } from '../api/problem';
import { PageTitle } from '../components/page-title';
import { asFailure } from '../hooks/use-resource';
import { useSession } from '../session/session';

/** What `/auth/callback` reports when a sign-in came back without a session. */
const FAILURES: Readonly<Record<string, string>> = {
  SIGN_IN_NOT_STARTED:
    'That sign-in was not started in this browser, or took too long. Start it again.',
  SIGN_IN_STATE_MISMATCH: 'That sign-in did not match the one started here. Start it again.',
  SIGN_IN_REFUSED: 'The sign-in was cancelled or refused at the identity provider.',
  SIGN_IN_FAILED: 'The identity provider’s answer could not be verified. Start the sign-in again.',
  SIGN_IN_NOT_ALLOWED: 'You signed in, but your account has no role in this console.',
  STEP_UP_OTHER_PERSON:
    'The confirmation was signed by another person than the one signed in. Sign in again.',
};

/**
 * Sign in with single sign-on (when the server offers it) or, in development only, by
 * pasting an API key; the header then shows who you are and your roles.
 */
export function SignIn() {
  const { phase, signIn, endedBecause, methods } = useSession();
  const location = useLocation();
  const [key, setKey] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const from = (location.state as { from?: string } | null)?.from;
  const query = new URLSearchParams(location.search);
  const failure = query.get('failure');
  const notice =
    (failure ? (FAILURES[failure] ?? 'The sign-in did not complete. Start it again.') : null) ??
    endedBecause ??
    (query.get('signedOut') === '1' ? 'You signed out.' : null);

  if (phase === 'signed-in')
    return <Navigate to={from && from !== '/sign-in' ? from : '/'} replace />;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSending(true);
    setError(null);
    try {
      await signIn(key.trim());
    } catch (failure) {
      setError(plainWords(asFailure(failure).problem));
      setSending(false);
    }
  };
  const returnTo = `/console${from && from !== '/sign-in' ? from : '/'}`;
  return (
    <main id="main" className="sign-in" tabIndex={-1}>
      <PageTitle title="Sign in">Account Ops console</PageTitle>
      <p>Approvals, accounts, ops lists and health, over the Account Operations API.</p>
      {notice && (
        <p className="banner banner-info" role="status">
          {notice}
        </p>
      )}
      {methods?.singleSignOn && (
        <div className="card">
          <h2>Sign in</h2>
          <p>With your organisation’s account, at its sign-in page.</p>
          <a
            className="button primary"
            href={`/auth/login?returnTo=${encodeURIComponent(returnTo)}`}
          >
            Sign in with single sign-on
          </a>
        </div>
      )}
      {methods && !methods.singleSignOn && !methods.apiKey && (
        <p className="banner banner-info" role="status">
          Single sign-on is not configured on this server, and API keys can be pasted here only in
          development mode. Ask an administrator.
        </p>
      )}
      {methods?.apiKey && (
        <form onSubmit={submit} className="card">
          <h2>{methods.singleSignOn ? 'Sign in with an API key (development)' : 'Sign in'}</h2>
          <label htmlFor="api-key">API key</label>
          <input
            id="api-key"
            type="password"
            autoComplete="off"
            spellCheck={false}
            required
            value={key}
            onChange={(event) => setKey(event.target.value)}
            aria-describedby="api-key-help"
          />
          <p id="api-key-help" className="help">
            Development mode only. The key stays in this browser tab only and is sent in the
            Authorization header, never in a link. Closing the tab signs you out.
          </p>
          {error && (
            <p className="error" role="alert">
              {error}
            </p>
          )}
          <button type="submit" className="primary" disabled={sending || key.trim() === ''}>
            {sending ? 'Signing in…' : 'Sign in'}
          </button>
        </form>
      )}
    </main>
  );
}
