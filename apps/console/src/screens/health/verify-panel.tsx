import { useState, type FormEvent } from 'react';
import type { ApiFailure } from '../../api/problem';
import type { Verification } from '../../api/types';
import { AccountLink } from '../../components/account-link';
import { ProblemBanner } from '../../components/problem-banner';
import { words } from '../../format/labels';
import { asFailure } from '../../hooks/use-resource';
import { useSignedIn } from '../../session/session';

/** Re-computes one account's hash chain on the server and names the first bad event. */
export function VerifyPanel() {
  const { client } = useSignedIn();
  const [accountId, setAccountId] = useState('');
  const [result, setResult] = useState<Verification | null>(null);
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const [checking, setChecking] = useState(false);

  const verify = async (event: FormEvent) => {
    event.preventDefault();
    setChecking(true);
    setFailure(null);
    setResult(null);
    try {
      setResult(
        await client.get<Verification>(`/accounts/${encodeURIComponent(accountId.trim())}/verify`),
      );
    } catch (error) {
      setFailure(asFailure(error));
    } finally {
      setChecking(false);
    }
  };
  return (
    <section className="card" aria-labelledby="verify-title">
      <h2 id="verify-title">Verify an account&apos;s hash chain</h2>
      <form onSubmit={verify} className="lookup">
        <label htmlFor="verify-account">Account id</label>
        <input
          id="verify-account"
          value={accountId}
          onChange={(e) => setAccountId(e.target.value)}
          required
        />
        <button type="submit" className="primary" disabled={checking || accountId.trim() === ''}>
          {checking ? 'Verifying…' : 'Verify'}
        </button>
      </form>
      {failure && <ProblemBanner failure={failure} />}
      {result && result.ok && (
        <p className="banner banner-ok" role="status" data-testid="verify-result">
          The chain of <AccountLink id={result.accountId} /> is intact: {result.checked} events
          checked.
        </p>
      )}
      {result && !result.ok && (
        <div className="banner banner-error" role="alert" data-testid="verify-result">
          <p className="banner-title">The chain of {result.accountId} is broken.</p>
          {result.firstBad ? (
            <p>
              First bad event: version {result.firstBad.version} (event {result.firstBad.eventId}),{' '}
              {words(result.firstBad.reason)}. Nothing after it can be trusted ({result.checked}{' '}
              event
              {result.checked === 1 ? '' : 's'} checked, up to and including it). Keep the evidence
              and follow the auditor&apos;s guide (docs/auditing.md).
            </p>
          ) : (
            <p>{result.checked} events checked.</p>
          )}
        </div>
      )}
    </section>
  );
}
