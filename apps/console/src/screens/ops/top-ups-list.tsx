import { useState } from 'react';
import { Link } from 'react-router';
import type { Items, PendingTopUp } from '../../api/types';
import { Money } from '../../components/money';
import { pageOf, Pager } from '../../components/pager';
import { ProblemBanner } from '../../components/problem-banner';
import { Empty, Loading } from '../../components/states';
import { Instant } from '../../components/time';
import { formatDuration } from '../../format/time';
import { words } from '../../format/labels';
import { useResource } from '../../hooks/use-resource';
import { useSignedIn } from '../../session/session';

const AGES = [
  { seconds: 0, label: 'any age' },
  { seconds: 3600, label: 'older than 1 hour' },
  { seconds: 86_400, label: 'older than 1 day' },
  { seconds: 7 * 86_400, label: 'older than 7 days' },
];

/** Top-ups initiated and not yet settled or failed: money the payment system still owes an answer on. */
export function TopUpsList() {
  const { client } = useSignedIn();
  const [olderThan, setOlderThan] = useState(3600);
  const [page, setPage] = useState(1);
  const list = useResource(['ops-top-ups', olderThan], () =>
    client.get<Items<PendingTopUp>>('/ops/top-ups', { olderThanSeconds: olderThan }),
  );
  const shown = pageOf(list.data?.items ?? [], page, 15);
  return (
    <>
      <form
        className="filters"
        role="search"
        aria-label="Filter pending top-ups"
        onSubmit={(e) => e.preventDefault()}
      >
        <div>
          <label htmlFor="top-up-age">Pending</label>
          <select
            id="top-up-age"
            value={olderThan}
            onChange={(e) => {
              setOlderThan(Number(e.target.value));
              setPage(1);
            }}
          >
            {AGES.map((a) => (
              <option key={a.seconds} value={a.seconds}>
                {a.label}
              </option>
            ))}
          </select>
        </div>
        <button type="button" onClick={list.reload}>
          Refresh
        </button>
      </form>
      {list.error && <ProblemBanner failure={list.error} onRetry={list.reload} />}
      {list.loading && !list.data && <Loading what="the pending top-ups" />}
      {list.data && list.data.items.length === 0 && <Empty>No top-up is pending that long.</Empty>}
      {shown.items.length > 0 && (
        <table className="data">
          <caption>Pending top-ups, oldest first</caption>
          <thead>
            <tr>
              <th scope="col">Account</th>
              <th scope="col">Top-up</th>
              <th scope="col" className="num">
                Amount
              </th>
              <th scope="col">Method</th>
              <th scope="col">Initiated</th>
              <th scope="col">Pending for</th>
            </tr>
          </thead>
          <tbody>
            {shown.items.map((t) => (
              <tr key={`${t.accountId}/${t.topUpId}`}>
                <th scope="row">
                  <Link to={`/accounts/${encodeURIComponent(t.accountId)}`}>{t.accountId}</Link>
                </th>
                <td>{t.topUpId}</td>
                <td className="num">
                  <Money minor={t.amount} currency={t.currency} />
                </td>
                <td>{words(t.method)}</td>
                <td>
                  <Instant iso={t.initiatedAt} /> by {t.initiatedBy}
                </td>
                <td>{formatDuration(t.ageSeconds)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Pager page={shown.page} pages={shown.pages} onPage={setPage} label="Pending top-ups" />
    </>
  );
}
