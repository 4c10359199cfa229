import { useState } from 'react';
import type { AccountInRetention, Items } from '../../api/types';
import { AccountLink } from '../../components/account-link';
import { Filters } from '../../components/filters';
import { pageOf, Pager } from '../../components/pager';
import { ResourceStatus } from '../../components/resource-status';
import { Deadline, Instant } from '../../components/time';
import { useNow } from '../../hooks/use-now';
import { useResource } from '../../hooks/use-resource';
import { useSignedIn } from '../../session/session';

/** Cancelled accounts in their retention window, the soonest to close first. */
export function RetentionList() {
  const { client } = useSignedIn();
  const now = useNow(1000);
  const list = useResource(['ops-retention'], () =>
    client.get<Items<AccountInRetention>>('/ops/retention'),
  );
  const [page, setPage] = useState(1);
  const shown = pageOf(list.data?.items ?? [], page, 15);
  return (
    <>
      <p className="lead">
        Each account closes when its retention window ends: an admin may reactivate it until then.
      </p>
      <Filters label="Retention queue" onRefresh={list.reload}>
        {null}
      </Filters>
      <ResourceStatus
        resource={list}
        what="the retention queue"
        empty={list.data?.items.length === 0 && 'No account is in its retention window.'}
      />
      {shown.items.length > 0 && (
        <table className="data">
          <caption>Closure queue, soonest first</caption>
          <thead>
            <tr>
              <th scope="col">Account</th>
              <th scope="col">Cancelled</th>
              <th scope="col">Reason</th>
              <th scope="col">Closes</th>
              <th scope="col">Time left</th>
            </tr>
          </thead>
          <tbody>
            {shown.items.map((a) => (
              <tr key={a.accountId}>
                <th scope="row">
                  <AccountLink id={a.accountId} />
                </th>
                <td>
                  <Instant iso={a.cancelledAt} />
                </td>
                <td>{a.cancellationReason ?? '—'}</td>
                <td>
                  <Instant iso={a.closesAt} />
                </td>
                <td>
                  <Deadline iso={a.closesAt} now={now} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Pager page={shown.page} pages={shown.pages} onPage={setPage} label="Retention" />
    </>
  );
}
