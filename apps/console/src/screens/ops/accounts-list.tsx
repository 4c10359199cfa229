import { useState } from 'react';
import type { AccountRow, Items } from '../../api/types';
import { AccountLink } from '../../components/account-link';
import { pageOf, Pager } from '../../components/pager';
import { Filters, SelectFilter } from '../../components/filters';
import { ResourceStatus } from '../../components/resource-status';
import { Instant } from '../../components/time';
import { ACCOUNT_STATUSES, FREEZE_REASONS, words } from '../../format/labels';
import { useResource } from '../../hooks/use-resource';
import { useSignedIn } from '../../session/session';

const STATUS_OPTIONS: Readonly<Record<string, string>> = {
  '': 'Any status',
  active: 'Active',
  cancellation_requested: 'Cancellation requested',
  cancelled: 'Cancelled (retention window)',
  closed: 'Closed',
};

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
      <Filters label="Filter accounts">
        <SelectFilter
          id="accounts-status"
          label="Status"
          value={status}
          options={STATUS_OPTIONS}
          onChange={choose(setStatus)}
        />
        <SelectFilter
          id="accounts-freeze"
          label="Frozen for"
          value={freezeReason}
          options={{ '': 'Frozen or not', ...FREEZE_REASONS }}
          onChange={choose(setFreezeReason)}
        />
      </Filters>
      <ResourceStatus
        resource={list}
        what="the accounts"
        empty={list.data?.items.length === 0 && 'No account matches.'}
      />
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
                  <AccountLink id={a.accountId} />
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
