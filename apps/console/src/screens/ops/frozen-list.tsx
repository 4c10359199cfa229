import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import type { FrozenAccount, Items } from '../../api/types';
import { pageOf, Pager } from '../../components/pager';
import { ProblemBanner } from '../../components/problem-banner';
import { Empty, Loading } from '../../components/states';
import { Instant } from '../../components/time';
import { FREEZE_REASONS, FREEZE_WAY_OUT } from '../../format/labels';
import { useResource } from '../../hooks/use-resource';
import { useSignedIn } from '../../session/session';

/** Frozen accounts, longest frozen first, each reason with since when and its way out. */
export function FrozenList() {
  const { client } = useSignedIn();
  const list = useResource(['ops-frozen'], () =>
    client.get<Items<FrozenAccount>>('/ops/frozen-accounts'),
  );
  const [reason, setReason] = useState('');
  const [page, setPage] = useState(1);
  const filtered = useMemo(
    () =>
      (list.data?.items ?? []).filter((a) => !reason || a.reasons.some((r) => r.reason === reason)),
    [list.data, reason],
  );
  const shown = pageOf(filtered, page, 15);
  return (
    <>
      <form
        className="filters"
        role="search"
        aria-label="Filter frozen accounts"
        onSubmit={(e) => e.preventDefault()}
      >
        <div>
          <label htmlFor="frozen-reason">Reason</label>
          <select
            id="frozen-reason"
            value={reason}
            onChange={(e) => {
              setReason(e.target.value);
              setPage(1);
            }}
          >
            <option value="">Any reason</option>
            {Object.entries(FREEZE_REASONS).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </div>
        <button type="button" onClick={list.reload}>
          Refresh
        </button>
      </form>
      {list.error && <ProblemBanner failure={list.error} onRetry={list.reload} />}
      {list.loading && !list.data && <Loading what="the frozen accounts" />}
      {list.data && filtered.length === 0 && (
        <Empty>No account is frozen{reason ? ' for this reason' : ''}.</Empty>
      )}
      {shown.items.length > 0 && (
        <table className="data">
          <caption>
            {filtered.length} frozen account{filtered.length === 1 ? '' : 's'}, longest frozen first
          </caption>
          <thead>
            <tr>
              <th scope="col">Account</th>
              <th scope="col">Frozen since</th>
              <th scope="col">Reasons</th>
              <th scope="col">Way out</th>
            </tr>
          </thead>
          <tbody>
            {shown.items.map((a) => (
              <tr key={a.accountId}>
                <th scope="row">
                  <Link to={`/accounts/${encodeURIComponent(a.accountId)}`}>{a.accountId}</Link>
                </th>
                <td>
                  <Instant iso={a.frozenSince} />
                </td>
                <td>
                  <ul className="plain">
                    {a.reasons.map((r) => (
                      <li key={r.reason}>
                        <strong>{FREEZE_REASONS[r.reason] ?? r.reason}</strong> since{' '}
                        <Instant iso={r.since} /> by {r.by}
                        {r.note ? ` — ${r.note}` : ''}
                      </li>
                    ))}
                  </ul>
                </td>
                <td>
                  <ul className="plain">
                    {a.reasons.map((r) => (
                      <li key={r.reason}>{FREEZE_WAY_OUT[r.reason]}</li>
                    ))}
                  </ul>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Pager page={shown.page} pages={shown.pages} onPage={setPage} label="Frozen accounts" />
    </>
  );
}
