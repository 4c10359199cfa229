import { useMemo, useState } from 'react';
import type { FrozenAccount, Items } from '../../api/types';
import { AccountLink } from '../../components/account-link';
import { Filters, SelectFilter } from '../../components/filters';
import { pageOf, Pager } from '../../components/pager';
import { ResourceStatus } from '../../components/resource-status';
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
      <Filters label="Filter frozen accounts" onRefresh={list.reload}>
        <SelectFilter
          id="frozen-reason"
          label="Reason"
          value={reason}
          options={{ '': 'Any reason', ...FREEZE_REASONS }}
          onChange={(value) => {
            setReason(value);
            setPage(1);
          }}
        />
      </Filters>
      <ResourceStatus
        resource={list}
        what="the frozen accounts"
        empty={filtered.length === 0 && `No account is frozen${reason ? ' for this reason' : ''}.`}
      />
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
                  <AccountLink id={a.accountId} />
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
