import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { PageTitle } from '../../components/page-title';
import { can, useSignedIn } from '../../session/session';

const ID = /^[A-Za-z0-9_.:-]{1,128}$/;

/** Go to an account by its id (ids only: no names or e-mails, which would end up in a URL). */
export function AccountLookup() {
  const { session } = useSignedIn();
  const navigate = useNavigate();
  const [id, setId] = useState('');
  const [error, setError] = useState<string | null>(null);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const trimmed = id.trim();
    if (!ID.test(trimmed)) {
      setError('An account id is 1–128 letters, digits or _ - . :');
      return;
    }
    navigate(`/accounts/${encodeURIComponent(trimmed)}`);
  };
  return (
    <>
      <PageTitle title="Accounts">Accounts</PageTitle>
      <form onSubmit={submit} className="card lookup" role="search" aria-label="Open an account">
        <label htmlFor="account-id">Account id</label>
        <input
          id="account-id"
          value={id}
          onChange={(e) => setId(e.target.value)}
          aria-describedby={error ? 'account-id-error' : undefined}
          aria-invalid={error ? true : undefined}
          placeholder="acc-7"
        />
        <button type="submit" className="primary">
          Open
        </button>
        {error && (
          <p id="account-id-error" className="error" role="alert">
            {error}
          </p>
        )}
      </form>
      {can(session, 'opsAccounts') && (
        <p>
          Or browse the <Link to="/ops/accounts">accounts by status</Link> and the{' '}
          <Link to="/ops/frozen">frozen accounts</Link>.
        </p>
      )}
    </>
  );
}
