import { useState } from 'react';
import type { Items, PendingTopUp } from '../../api/types';
import { AccountLink } from '../../components/account-link';
import { Money } from '../../components/money';
import { pageOf, Pager } from '../../components/pager';
import { Filters, SelectFilter } from '../../components/filters';
import { ResourceStatus } from '../../components/resource-status';
import { Instant } from '../../components/time';
import { formatDuration } from '../../format/time';
import { words } from '../../format/labels';
import { useResource } from '../../hooks/use-resource';
import { useSignedIn } from '../../session/session';

const AGES: Readonly<Record<string, string>> = {
  '0': 'any age',
  '3600': 'older than 1 hour',
  '86400': 'older than 1 day',
  '604800': 'older than 7 days',
};

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
      <Filters label="Filter pending top-ups" onRefresh={list.reload}>
        <SelectFilter
          id="top-up-age"
          label="Pending"
          value={String(olderThan)}
          options={AGES}
          onChange={(value) => {
            setOlderThan(Number(value));
            setPage(1);
          }}
        />
      </Filters>
      <ResourceStatus
        resource={list}
        what="the pending top-ups"
        empty={list.data?.items.length === 0 && 'No top-up is pending that long.'}
      />
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
                  <AccountLink id={t.accountId} />
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
