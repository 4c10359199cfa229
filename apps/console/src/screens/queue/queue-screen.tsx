import { useMemo, useState } from 'react';
import type { Items, QueuedRefund } from '../../api/types';
import { AccountLink, RefundLink } from '../../components/account-link';
import { Money } from '../../components/money';
import { PageTitle } from '../../components/page-title';
import { pageOf, Pager } from '../../components/pager';
import { Filters, SelectFilter, TextFilter } from '../../components/filters';
import { ResourceStatus } from '../../components/resource-status';
import { Deadline } from '../../components/time';
import { formatDuration } from '../../format/time';
import { REFUND_REASONS, words } from '../../format/labels';
import { useNow } from '../../hooks/use-now';
import { useResource } from '../../hooks/use-resource';
import { useSignedIn } from '../../session/session';

const PAGE_SIZE = 10;
const STATUSES: Readonly<Record<string, string>> = {
  '': 'All waiting',
  requested: 'Requested',
  partially_approved: 'Partially approved',
};

/** Refunds waiting for a decision, oldest first (the ops read model's order). */
export function QueueScreen() {
  const { client } = useSignedIn();
  const queue = useResource(['ops-refunds'], () => client.get<Items<QueuedRefund>>('/ops/refunds'));
  const now = useNow(1000);
  const [status, setStatus] = useState('');
  const [requester, setRequester] = useState('');
  const [account, setAccount] = useState('');
  const [page, setPage] = useState(1);

  const filtered = useMemo(
    () =>
      (queue.data?.items ?? []).filter(
        (r) =>
          (!status || r.status === status) &&
          (!requester || r.requestedBy.toLowerCase().includes(requester.toLowerCase())) &&
          (!account || r.accountId.toLowerCase().includes(account.toLowerCase())),
      ),
    [queue.data, status, requester, account],
  );
  const shown = pageOf(filtered, page, PAGE_SIZE);
  const filter = (set: (v: string) => void) => (value: string) => {
    set(value);
    setPage(1);
  };

  return (
    <>
      <PageTitle title="Approval queue">Approval queue</PageTitle>
      <p className="lead">
        Refunds waiting for an approver, oldest first. The SLA column counts down to each
        refund&apos;s approval deadline; past it the refund expires and its hold is released.
      </p>
      <Filters label="Filter the queue" onRefresh={queue.reload}>
        <SelectFilter
          id="queue-status"
          label="Status"
          value={status}
          options={STATUSES}
          onChange={filter(setStatus)}
        />
        <TextFilter
          id="queue-requester"
          label="Requested by"
          value={requester}
          onChange={filter(setRequester)}
        />
        <TextFilter
          id="queue-account"
          label="Account"
          value={account}
          onChange={filter(setAccount)}
        />
      </Filters>
      <ResourceStatus
        resource={queue}
        what="the approval queue"
        empty={
          filtered.length === 0 &&
          (queue.data?.items.length === 0
            ? 'No refund is waiting for approval.'
            : 'No refund matches the filters.')
        }
      />
      {shown.items.length > 0 && (
        <table className="data">
          <caption>
            {filtered.length} refund{filtered.length === 1 ? '' : 's'} waiting
          </caption>
          <thead>
            <tr>
              <th scope="col">Refund</th>
              <th scope="col">Account</th>
              <th scope="col" className="num">
                Amount
              </th>
              <th scope="col">Reason</th>
              <th scope="col">Requested by</th>
              <th scope="col">Age</th>
              <th scope="col">Approvals</th>
              <th scope="col">SLA</th>
            </tr>
          </thead>
          <tbody>
            {shown.items.map((r) => (
              <tr key={`${r.accountId}/${r.refundId}`}>
                <th scope="row">
                  <RefundLink accountId={r.accountId} refundId={r.refundId} />
                </th>
                <td>
                  <AccountLink id={r.accountId} />
                </td>
                <td className="num">
                  <Money minor={r.amount} currency={r.currency} />
                </td>
                <td>{REFUND_REASONS[r.reason] ?? words(r.reason)}</td>
                <td>{r.requestedBy}</td>
                <td>
                  {formatDuration(
                    r.ageSeconds + Math.max(0, Math.floor((now - queue.updatedAt) / 1000)),
                  )}
                </td>
                <td>
                  {r.approvals} of {r.approvalsRequired}
                  {r.status === 'partially_approved' ? ` (${r.approvedBy.join(', ')})` : ''}
                </td>
                <td>
                  <Deadline iso={r.approvalDeadline} now={now} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Pager page={shown.page} pages={shown.pages} onPage={setPage} label="Queue" />
    </>
  );
}
