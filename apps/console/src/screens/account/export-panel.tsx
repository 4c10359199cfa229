import { useState } from 'react';
import type { Account } from '../../api/types';
import { ProblemBanner } from '../../components/problem-banner';
import type { ApiFailure } from '../../api/problem';
import { asFailure } from '../../hooks/use-resource';
import { can, useSignedIn } from '../../session/session';
import { eventsCsv, type ExportedEvent } from './export-csv';

function download(name: string, type: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * Export (admins, auditors): the API's export (`GET /accounts/:id/export`: history, state,
 * verification) saved as it came, as JSON, or its events as CSV. Each click is one export,
 * which the server records.
 */
export function ExportPanel({ account }: { account: Account }) {
  const { session, client } = useSignedIn();
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const [busy, setBusy] = useState(false);
  if (!can(session, 'exportAccount')) return null;
  const run = async (format: 'json' | 'csv') => {
    setBusy(true);
    setFailure(null);
    try {
      const exported = await client.get<{ events: ExportedEvent[] }>(
        `/accounts/${encodeURIComponent(account.accountId)}/export`,
      );
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
        The account&apos;s history, state and verification, as the API exports it.
      </p>
      <div className="decision-actions">
        <button type="button" disabled={busy} onClick={() => void run('json')}>
          Export JSON
        </button>
        <button type="button" disabled={busy} onClick={() => void run('csv')}>
          Export CSV
        </button>
      </div>
      {failure && <ProblemBanner failure={failure} onRetry={() => void run('json')} />}
    </section>
  );
}
