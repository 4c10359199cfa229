import { useState, type FormEvent } from 'react';
import { Navigate, useLocation } from 'react-router';
import { plainWords } from '../api/problem';
import { PageTitle } from '../components/page-title';
import { asFailure } from '../hooks/use-resource';
import { useSession } from '../session/session';

/** Sign in with an API key; the header then shows who you are and your roles. */
export function SignIn() {
  const { phase, signIn, endedBecause } = useSession();
  const location = useLocation();
  const [key, setKey] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const from = (location.state as { from?: string } | null)?.from;

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
  return (
    <main id="main" className="sign-in" tabIndex={-1}>
      <PageTitle title="Sign in">Account Ops console</PageTitle>
      <p>Approvals, accounts, ops lists and health, over the Account Operations API.</p>
      {endedBecause && (
        <p className="banner banner-info" role="status">
          {endedBecause}
        </p>
      )}
      <form onSubmit={submit} className="card">
        <h2>Sign in</h2>
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
          The key stays in this browser tab only and is sent in the Authorization header, never in a
          link. Closing the tab signs you out.
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
    </main>
  );
}
