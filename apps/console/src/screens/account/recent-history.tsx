import type { Account } from '../../api/types';
import { Money } from '../../components/money';
import { Instant } from '../../components/time';
import { REFUND_REASONS, words } from '../../format/labels';

interface Entry {
  readonly at: string;
  readonly what: string;
  readonly amount: number;
  readonly status: string;
  readonly by: string;
  readonly key: string;
}

/** The account's top-ups and refunds, newest first: what an approver checks before deciding. */
export function RecentHistory({ account, limit = 8 }: { account: Account; limit?: number }) {
  const entries: Entry[] = [
    ...account.topUps.map((t) => ({
      at: t.initiatedAt,
      what: `Top-up ${t.topUpId} (${words(t.method)})`,
      amount: t.amount,
      status: t.status,
      by: t.initiatedBy,
      key: `t:${t.topUpId}`,
    })),
    ...account.refunds.map((r) => ({
      at: r.requestedAt,
      what: `Refund ${r.refundId} (${REFUND_REASONS[r.reason] ?? words(r.reason)})`,
      amount: r.amount,
      status: r.status,
      by: r.requestedBy,
      key: `r:${r.refundId}`,
    })),
  ]
    .sort((a, b) => b.at.localeCompare(a.at))
    .slice(0, limit);
  if (entries.length === 0) return <p>No top-ups or refunds yet.</p>;
  return (
    <table className="data">
      <caption>Recent top-ups and refunds, newest first</caption>
      <thead>
        <tr>
          <th scope="col">When</th>
          <th scope="col">What</th>
          <th scope="col" className="num">
            Amount
          </th>
          <th scope="col">Status</th>
          <th scope="col">By</th>
        </tr>
      </thead>
      <tbody>
        {entries.map((e) => (
          <tr key={e.key}>
            <td>
              <Instant iso={e.at} />
            </td>
            <td>{e.what}</td>
            <td className="num">
              <Money minor={e.amount} currency={account.currency} />
            </td>
            <td>{words(e.status)}</td>
            <td>{e.by}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
