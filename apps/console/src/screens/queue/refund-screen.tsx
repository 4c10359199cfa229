import { Link, useLocation, useNavigate, useParams } from 'react-router';
import type { Account } from '../../api/types';
import { Money } from '../../components/money';
import { PageTitle } from '../../components/page-title';
import { ProblemBanner } from '../../components/problem-banner';
import { Loading } from '../../components/states';
import { Deadline, Instant } from '../../components/time';
import { AWAITING_APPROVAL, REFUND_REASONS, words } from '../../format/labels';
import { useNow } from '../../hooks/use-now';
import { useResource } from '../../hooks/use-resource';
import { useShortcuts } from '../../keyboard/shortcuts';
import { useSignedIn } from '../../session/session';
import { AccountFacts } from '../account/account-facts';
import { RecentHistory } from '../account/recent-history';
import { DecisionPanel, type NextStep } from './decision-panel';
import { queuePath, rememberedQueueSearch, useQueueList } from './use-queue';

const refundPath = (accountId: string, refundId: string) =>
  `/queue/${encodeURIComponent(accountId)}/${encodeURIComponent(refundId)}`;

/** One refund from the queue: the request, the account's balance and recent history, the decision. */
export function RefundScreen() {
  const { accountId = '', refundId = '' } = useParams();
  const { client } = useSignedIn();
  const navigate = useNavigate();
  const location = useLocation();
  const now = useNow(1000);
  const account = useResource(['account', accountId], () =>
    client.get<Account>(`/accounts/${encodeURIComponent(accountId)}`),
  );
  const refund = account.data?.refunds.find((r) => r.refundId === refundId);

  // Next and previous in the queue as last shown (its view, sort and filters).
  const queue = useQueueList(rememberedQueueSearch(), now);
  const at = queue.rows.findIndex((r) => r.accountId === accountId && r.refundId === refundId);
  const others = queue.rows.filter((r) => !(r.accountId === accountId && r.refundId === refundId));
  const nextRow = at === -1 ? others[0] : queue.rows[at + 1];
  const previousRow = at === -1 ? undefined : queue.rows[at - 1];
  const next: NextStep | undefined = nextRow && {
    path: refundPath(nextRow.accountId, nextRow.refundId),
    label: `${nextRow.refundId} on ${nextRow.accountId}`,
  };
  const queued =
    queue.rows[at] ??
    queue.resource.data?.items.find((r) => r.accountId === accountId && r.refundId === refundId);
  const decidedNote = (location.state as { decided?: string } | null)?.decided;

  useShortcuts({
    j: () => navigate(next?.path ?? queuePath()),
    k: () => previousRow && navigate(refundPath(previousRow.accountId, previousRow.refundId)),
    u: () => navigate(queuePath()),
  });

  return (
    <>
      <p className="breadcrumb">
        <Link to={queuePath()}>Approval queue</Link> /
      </p>
      <PageTitle title={`Refund ${refundId}`}>
        Refund {refundId} on {accountId}
      </PageTitle>
      {decidedNote && (
        <p className="banner banner-ok" role="status" data-testid="decided-note">
          {decidedNote}
        </p>
      )}
      {account.error && <ProblemBanner failure={account.error} onRetry={account.reload} />}
      {account.loading && !account.data && <Loading what="the refund" />}
      {account.data && !refund && (
        <p className="banner banner-error" role="alert">
          The account has no refund {refundId}.
        </p>
      )}
      {account.data && refund && (
        <>
          <section className="card" aria-labelledby="request-title">
            <h2 id="request-title">The request</h2>
            <dl className="pairs">
              <dt>Amount</dt>
              <dd className="big">
                <Money minor={refund.amount} currency={account.data.currency} />
              </dd>
              <dt>Status</dt>
              <dd data-testid="refund-status">{words(refund.status)}</dd>
              <dt>Reason</dt>
              <dd>{REFUND_REASONS[refund.reason] ?? words(refund.reason)}</dd>
              <dt>Note</dt>
              <dd>{refund.note ?? '—'}</dd>
              <dt>Requested</dt>
              <dd>
                by {refund.requestedBy}, <Instant iso={refund.requestedAt} />
              </dd>
              <dt>Approvals</dt>
              <dd>{refund.approvedBy.length > 0 ? refund.approvedBy.join(', ') : 'none yet'}</dd>
              {AWAITING_APPROVAL.includes(refund.status) && (
                <>
                  <dt>Approval SLA</dt>
                  <dd>
                    <Deadline iso={refund.approvalDeadline} now={now} />
                  </dd>
                </>
              )}
              {refund.decidedBy && (
                <>
                  <dt>Decided</dt>
                  <dd>
                    by {refund.decidedBy}
                    {refund.decisionReason ? `: ${refund.decisionReason}` : ''}
                  </dd>
                </>
              )}
            </dl>
          </section>
          <DecisionPanel
            key={`${accountId}/${refundId}`}
            account={account.data}
            refund={refund}
            approvalsRequired={queued?.approvalsRequired}
            now={now}
            onDecided={() => {
              account.reload();
              queue.resource.reload();
            }}
            {...(next ? { next } : {})}
          />
          <h2>The account</h2>
          <p>
            <Link to={`/accounts/${encodeURIComponent(accountId)}`}>
              Open the account page of {accountId}
            </Link>
          </p>
          <AccountFacts account={account.data} />
          <h2>Recent history</h2>
          <RecentHistory account={account.data} />
        </>
      )}
    </>
  );
}
