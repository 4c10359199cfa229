import { AccountLink } from '../../components/account-link';
import { Instant } from '../../components/time';
import type { WebhookDelivery } from './webhook-types';

const STATUS_LABELS = { pending: 'Pending', delivered: 'Delivered', dead: 'Dead letter' } as const;

/** Deliveries newest first: status, attempts, the last answer or error (never a body). */
export function DeliveriesTable({
  deliveries,
  busy,
  onResend,
}: {
  deliveries: readonly WebhookDelivery[];
  busy: boolean;
  onResend: (delivery: WebhookDelivery) => void;
}) {
  return (
    <table className="data" data-testid="deliveries-table">
      <caption>Deliveries, newest first</caption>
      <thead>
        <tr>
          <th scope="col" className="num">
            Id
          </th>
          <th scope="col">Topic</th>
          <th scope="col">Account</th>
          <th scope="col">Status</th>
          <th scope="col" className="num">
            Attempts
          </th>
          <th scope="col">Last answer</th>
          <th scope="col">Next attempt / delivered</th>
          <th scope="col">
            <span className="visually-hidden">Action</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {deliveries.map((d) => (
          <tr key={d.id} className={d.status === 'dead' ? 'attention' : undefined}>
            <td className="num">{d.id}</td>
            <td>{d.topic}</td>
            <td>
              <AccountLink id={d.accountId} />
            </td>
            <td>{STATUS_LABELS[d.status]}</td>
            <td className="num">{d.attempts}</td>
            <td>{d.lastError ?? (d.lastStatus === null ? '—' : `HTTP ${d.lastStatus}`)}</td>
            <td>
              <Instant iso={d.status === 'delivered' ? d.deliveredAt : d.nextAttemptAt} />
            </td>
            <td>
              {d.status === 'dead' && (
                <button type="button" disabled={busy} onClick={() => onResend(d)}>
                  Re-send<span className="visually-hidden"> delivery {d.id}</span>
                </button>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
