import { useState } from 'react';
import { Link } from 'react-router';
import type { AccountRow, Items } from '../../api/types';
import { pageOf, Pager } from '../../components/pager';
import { ProblemBanner } from '../../components/problem-banner';
import { Empty, Loading } from '../../components/states';
import { Instant } from '../../components/time';
import { ACCOUNT_STATUSES, FREEZE_REASONS, words } from '../../format/labels';
import { useResource } from '../../hooks/use-resource';
import { useSignedIn } from '../../session/session';

/** Accounts by lifecycle status and freeze reason (filters sent to `/ops/accounts`). */
export function AccountsList() {
  const { client } = useSignedIn();
  const [status, setStatus] = useState('');
  const [freezeReason, setFreezeReason] = useState('');
  const [page, setPage] = useState(1);
  const list = useResource(['ops-accounts', status, freezeReason], () =>
    client.get<Items<AccountRow>>('/ops/accounts', { status, freezeReason }),
  );
  const shown = pageOf(list.data?.items ?? [], page, 15);
  const choose = (set: (v: string) => void) => (value: string) => {
    set(value);
    setPage(1);
  };
  return (
    <>
      <form
        className="filters"
        role="search"
        aria-label="Filter accounts"
        onSubmit={(e) => e.preventDefault()}
      >
        <div>
          <label htmlFor="accounts-status">Status</label>
          <select
            id="accounts-status"
            value={status}
            onChange={(e) => choose(setStatus)(e.target.value)}
          >
            <option value="">Any status</option>
            {['active', 'cancellation_requested', 'cancelled', 'closed'].map((s) => (
              <option key={s} value={s}>
                {ACCOUNT_STATUSES[s]}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="accounts-freeze">Frozen for</label>
          <select
            id="accounts-freeze"
            value={freezeReason}
            onChange={(e) => choose(setFreezeReason)(e.target.value)}
          >
            <option value="">Frozen or not</option>
            {Object.entries(FREEZE_REASONS).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </div>
      </form>
      {list.error && <ProblemBanner failure={list.error} onRetry={list.reload} />}
      {list.loading && !list.data && <Loading what="the accounts" />}
      {list.data && list.data.items.length === 0 && <Empty>No account matches.</Empty>}
      {shown.items.length > 0 && (
        <table className="data">
          <caption>{list.data?.items.length} accounts</caption>
          <thead>
            <tr>
              <th scope="col">Account</th>
              <th scope="col">Status</th>
              <th scope="col">Frozen for</th>
              <th scope="col">Opened</th>
              <th scope="col">Closes</th>
            </tr>
          </thead>
          <tbody>
            {shown.items.map((a) => (
              <tr key={a.accountId}>
                <th scope="row">
                  <Link to={`/accounts/${encodeURIComponent(a.accountId)}`}>{a.accountId}</Link>
                </th>
                <td>{ACCOUNT_STATUSES[a.status] ?? words(a.status)}</td>
                <td>{a.freezeReasons.map((r) => FREEZE_REASONS[r] ?? r).join(', ') || '—'}</td>
                <td>
                  <Instant iso={a.openedAt} />
                </td>
                <td>
                  <Instant iso={a.retentionUntil} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Pager page={shown.page} pages={shown.pages} onPage={setPage} label="Accounts" />
    </>
  );
}
