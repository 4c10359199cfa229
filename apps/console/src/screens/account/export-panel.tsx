import { useState } from 'react';
import type { Account } from '../../api/types';
import { ProblemBanner } from '../../components/problem-banner';
import type { ApiFailure } from '../../api/problem';
import { asFailure } from '../../hooks/use-resource';
import { can, useSignedIn } from '../../session/session';
import { download } from '../../format/download';
import { asciiJson } from '../../format/ascii-json';
import { eventsCsv, type ExportedEvent } from './export-csv';

/**
 * Export (admins, auditors): the API's export (`GET /accounts/:id/export`: history, state,
 * verification) saved as it came, as JSON, or its events as CSV. Each click is one export,
 * which the server records.
 */
export function ExportPanel({ account }: { account: Account }) {
  const { session, client } = useSignedIn();
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const [busy, setBusy] = useState(false);
  const mayExport = can(session, 'exportAccount');
  const mayProve = can(session, 'accountEvidence');
  if (!mayExport && !mayProve) return null;
  const path = `/accounts/${encodeURIComponent(account.accountId)}`;
  const run = async (format: 'json' | 'csv' | 'evidence') => {
    setBusy(true);
    setFailure(null);
    try {
      if (format === 'evidence') {
        // Saved byte for byte as served: the offline verifier reads this file.
        const bundle = await client.get<unknown>(`${path}/evidence`);
        download(
          `account-${account.accountId}.evidence.json`,
          'application/json',
          asciiJson(bundle, 2),
        );
        return;
      }
      const exported = await client.get<{ events: ExportedEvent[] }>(`${path}/export`);
      const name = `account-${account.accountId}-export`;
      if (format === 'json')
        download(`${name}.json`, 'application/json', JSON.stringify(exported, null, 2));
      else download(`${name}.csv`, 'text/csv', eventsCsv(exported.events, account.currency));
    } catch (error) {
      setFailure(asFailure(error));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="card" aria-labelledby="export-title">
      <h2 id="export-title">Export</h2>
      <p className="help">
        The account&apos;s history, state and verification, as the API exports it; the evidence
        bundle (events, inclusion proofs and the signed checkpoint) verifies offline with{' '}
        <code>account-ops verify-evidence</code>.
      </p>
      <div className="decision-actions">
        {mayExport && (
          <>
            <button type="button" disabled={busy} onClick={() => void run('json')}>
              Export JSON
            </button>
            <button type="button" disabled={busy} onClick={() => void run('csv')}>
              Export CSV
            </button>
          </>
        )}
        {mayProve && (
          <button type="button" disabled={busy} onClick={() => void run('evidence')}>
            Evidence bundle
          </button>
        )}
      </div>
      {failure && <ProblemBanner failure={failure} onRetry={() => void run('json')} />}
    </section>
  );
}
