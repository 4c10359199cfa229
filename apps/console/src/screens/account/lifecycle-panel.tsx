import type { Account } from '../../api/types';
import { Money } from '../../components/money';
import { Deadline, Instant } from '../../components/time';
import { AWAITING_APPROVAL } from '../../format/labels';

/** The cancellation lifecycle and every deadline still open on the account. */
export function LifecyclePanel({ account, now }: { account: Account; now: number }) {
  const awaiting = account.refunds.filter((r) => AWAITING_APPROVAL.includes(r.status));
  const retention = account.status === 'cancelled' && account.retentionUntil;
  return (
    <div className="facts">
      <section className="card" aria-labelledby="cancellation-title">
        <h2 id="cancellation-title">Cancellation</h2>
        {account.cancellation ? (
          <dl className="pairs">
            <dt>Requested</dt>
            <dd>
              <Instant iso={account.cancellation.requestedAt} /> by{' '}
              {account.cancellation.requestedBy}
            </dd>
            <dt>Reason</dt>
            <dd>{account.cancellation.reason}</dd>
          </dl>
        ) : (
          <p>No cancellation requested.</p>
        )}
        {account.retentionUntil && (
          <p>
            Retention window until <Instant iso={account.retentionUntil} />: an admin may reactivate
            the account until then; afterwards it is closed and its personal data erased.
          </p>
        )}
        {account.closedAt && (
          <p>
            Closed <Instant iso={account.closedAt} />.
          </p>
        )}
      </section>
      <section className="card" aria-labelledby="deadlines-title">
        <h2 id="deadlines-title">Open deadlines</h2>
        {awaiting.length === 0 && !retention ? (
          <p>None.</p>
        ) : (
          <ul className="plain">
            {awaiting.map((r) => (
              <li key={r.refundId}>
                Approval of refund {r.refundId} (
                <Money minor={r.amount} currency={account.currency} />
                ): <Deadline iso={r.approvalDeadline} now={now} />
              </li>
            ))}
            {retention && (
              <li>
                Closure at the end of retention: <Deadline iso={retention} now={now} />
              </li>
            )}
          </ul>
        )}
      </section>
    </div>
  );
}
