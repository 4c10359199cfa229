import { topUpAnchor } from './event-facts';
import type { Account } from '../../api/types';
import { RefundLink } from '../../components/account-link';
import { Money } from '../../components/money';
import { Instant } from '../../components/time';
import { AWAITING_APPROVAL, REFUND_REASONS, words } from '../../format/labels';
import { can, useSignedIn } from '../../session/session';

export function RefundsTable({ account }: { account: Account }) {
  const { session } = useSignedIn();
  if (account.refunds.length === 0) return <p>No refunds.</p>;
  return (
    <table className="data">
      <caption>Refunds</caption>
      <thead>
        <tr>
          <th scope="col">Refund</th>
          <th scope="col" className="num">
            Amount
          </th>
          <th scope="col">Status</th>
          <th scope="col">Reason</th>
          <th scope="col">Requested</th>
          <th scope="col">Approved by</th>
        </tr>
      </thead>
      <tbody>
        {account.refunds.map((r) => (
          <tr key={r.refundId}>
            <th scope="row">
              {AWAITING_APPROVAL.includes(r.status) && can(session, 'opsRefunds') ? (
                <RefundLink accountId={account.accountId} refundId={r.refundId} />
              ) : (
                r.refundId
              )}
            </th>
            <td className="num">
              <Money minor={r.amount} currency={account.currency} />
            </td>
            <td>{words(r.status)}</td>
            <td>{REFUND_REASONS[r.reason] ?? words(r.reason)}</td>
            <td>
              <Instant iso={r.requestedAt} /> by {r.requestedBy}
            </td>
            <td>{r.approvedBy.join(', ') || '—'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function TopUpsTable({ account }: { account: Account }) {
  if (account.topUps.length === 0) return <p>No top-ups.</p>;
  return (
    <table className="data">
      <caption>Top-ups</caption>
      <thead>
        <tr>
          <th scope="col">Top-up</th>
          <th scope="col" className="num">
            Amount
          </th>
          <th scope="col">Method</th>
          <th scope="col">Status</th>
          <th scope="col">Initiated</th>
          <th scope="col">Completed</th>
        </tr>
      </thead>
      <tbody>
        {account.topUps.map((t) => (
          <tr key={t.topUpId} id={topUpAnchor(t.topUpId)}>
            <th scope="row">{t.topUpId}</th>
            <td className="num">
              <Money minor={t.amount} currency={account.currency} />
            </td>
            <td>{words(t.method)}</td>
            <td>
              {words(t.status)}
              {t.failureReason ? ` (${t.failureReason})` : ''}
            </td>
            <td>
              <Instant iso={t.initiatedAt} /> by {t.initiatedBy}
            </td>
            <td>
              <Instant iso={t.completedAt} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
