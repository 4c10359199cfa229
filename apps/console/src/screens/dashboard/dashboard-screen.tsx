import type { ApiClient } from '../../api/client';
import type {
  FrozenAccount,
  Items,
  PendingTopUp,
  ProjectionStatus,
  QueuedRefund,
  Refund,
} from '../../api/types';
import { Money } from '../../components/money';
import { PageTitle } from '../../components/page-title';
import { ProblemBanner } from '../../components/problem-banner';
import { Loading } from '../../components/states';
import { FREEZE_REASONS, words } from '../../format/labels';
import { formatDuration, formatInstant } from '../../format/time';
import { useNow } from '../../hooks/use-now';
import { useResource } from '../../hooks/use-resource';
import { can, useSignedIn } from '../../session/session';
import { dashboardFigures, startOfDayUtc, type DecisionEntry } from './dashboard-figures';

/** The dashboard asks again this often. */
export const DASHBOARD_REFRESH_MS = 10_000;

/** Today's decisions from the audit model, every page of both types. */
async function decisionsToday(client: ApiClient, nowMs: number): Promise<DecisionEntry[]> {
  const from = new Date(startOfDayUtc(nowMs)).toISOString();
  const all: DecisionEntry[] = [];
  for (const type of ['RefundApproved', 'RefundRejected']) {
    let after: string | null | undefined;
    do {
      const page = await client.get<{ items: DecisionEntry[]; nextAfter: string | null }>(
        `/audit?type=${type}&from=${encodeURIComponent(from)}&limit=1000${after ? `&after=${encodeURIComponent(after)}` : ''}`,
      );
      all.push(...page.items);
      after = page.nextAfter;
    } while (after);
  }
  return all;
}

interface Loaded {
  readonly waiting: readonly QueuedRefund[];
  readonly expired: readonly (Refund & { currency: string })[];
  readonly frozen: readonly FrozenAccount[];
  readonly staleTopUps: readonly PendingTopUp[];
  readonly decisions: readonly DecisionEntry[] | undefined;
  readonly projections: readonly ProjectionStatus[];
  readonly at: number;
}

/**
 * A lead's day at a glance: refunds waiting (count and value per currency), due within
 * 4 h, expired today, frozen accounts by reason, top-ups pending over a day, decisions per
 * approver today, projection lag. Every figure is counted from the API's own lists; the
 * screen refreshes itself.
 */
export function DashboardScreen() {
  const { session, client } = useSignedIn();
  const now = useNow(1000);
  const mayAudit = can(session, 'listAudit');
  const data = useResource<Loaded>(
    ['dashboard'],
    async () => {
      const at = Date.now();
      const [waiting, expired, frozen, staleTopUps, projections, decisions] = await Promise.all([
        client.get<Items<QueuedRefund>>('/ops/refunds'),
        client.get<Items<Refund & { currency: string }>>('/ops/refunds?status=expired'),
        client.get<Items<FrozenAccount>>('/ops/frozen-accounts'),
        client.get<Items<PendingTopUp>>('/ops/top-ups?olderThanSeconds=86400'),
        client.get<Items<ProjectionStatus>>('/ops/projections'),
        mayAudit ? decisionsToday(client, at) : Promise.resolve(undefined),
      ]);
      return {
        waiting: waiting.items,
        expired: expired.items,
        frozen: frozen.items,
        staleTopUps: staleTopUps.items,
        projections: projections.items,
        decisions,
        at,
      };
    },
    { refetchIntervalMs: DASHBOARD_REFRESH_MS, keepPrevious: true },
  );
  const f = data.data && dashboardFigures(data.data, data.data.at);
  return (
    <>
      <PageTitle title="Today">Today</PageTitle>
      <p className="lead" data-testid="dash-as-of" data-at={data.data?.at}>
        The day at a glance, refreshed every {DASHBOARD_REFRESH_MS / 1000} s
        {data.data && (
          <>
            {' '}
            (as of {formatInstant(new Date(data.data.at).toISOString())},{' '}
            {formatDuration((now - data.data.at) / 1000)} ago)
          </>
        )}
        . &ldquo;Today&rdquo; starts at midnight UTC.
      </p>
      {data.error && <ProblemBanner failure={data.error} onRetry={data.reload} />}
      {!f && data.loading && <Loading what="the figures" />}
      {f && (
        <div className="facts dashboard">
          <section className="card" aria-labelledby="dash-waiting">
            <h2 id="dash-waiting">Refunds waiting</h2>
            <p className="big" data-testid="dash-waiting-total">
              {f.waitingTotal}
            </p>
            <table className="data" data-testid="dash-waiting">
              <caption>By currency</caption>
              <thead>
                <tr>
                  <th scope="col">Currency</th>
                  <th scope="col" className="num">
                    Refunds
                  </th>
                  <th scope="col" className="num">
                    Value
                  </th>
                </tr>
              </thead>
              <tbody>
                {f.waiting.map((w) => (
                  <tr key={w.currency}>
                    <th scope="row">{w.currency}</th>
                    <td className="num">{w.count}</td>
                    <td className="num">
                      <Money minor={w.value} currency={w.currency} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
          <section className="card" aria-labelledby="dash-deadlines">
            <h2 id="dash-deadlines">Deadlines</h2>
            <dl className="pairs">
              <dt>Due within 4 h</dt>
              <dd data-testid="dash-due-4h">{f.dueWithin4h}</dd>
              <dt>Overdue (expiring now)</dt>
              <dd data-testid="dash-overdue">{f.overdue}</dd>
              <dt>Expired today</dt>
              <dd data-testid="dash-expired-today">{f.expiredToday}</dd>
            </dl>
          </section>
          <section className="card" aria-labelledby="dash-frozen">
            <h2 id="dash-frozen">Frozen accounts</h2>
            <p className="big" data-testid="dash-frozen-total">
              {f.frozenAccounts}
            </p>
            <dl className="pairs" data-testid="dash-frozen">
              {f.frozenByReason.map((r) => (
                <div key={r.reason}>
                  <dt>{FREEZE_REASONS[r.reason] ?? words(r.reason)}</dt>
                  <dd>{r.count}</dd>
                </div>
              ))}
            </dl>
          </section>
          <section className="card" aria-labelledby="dash-top-ups">
            <h2 id="dash-top-ups">Top-ups pending over a day</h2>
            <p className="big" data-testid="dash-top-ups-total">
              {f.staleTopUps.reduce((n, t) => n + t.count, 0)}
            </p>
            <ul className="plain">
              {f.staleTopUps.map((t) => (
                <li key={t.currency}>
                  {t.count} in {t.currency}: <Money minor={t.value} currency={t.currency} />
                </li>
              ))}
            </ul>
          </section>
          <section className="card" aria-labelledby="dash-decisions">
            <h2 id="dash-decisions">Decisions today</h2>
            {f.decisionsByApprover === undefined ? (
              <p className="muted">The audit model is for auditors, admins and compliance.</p>
            ) : f.decisionsByApprover.length === 0 ? (
              <p>None yet.</p>
            ) : (
              <table className="data" data-testid="dash-decisions">
                <caption>Per approver</caption>
                <thead>
                  <tr>
                    <th scope="col">Approver</th>
                    <th scope="col" className="num">
                      Approved
                    </th>
                    <th scope="col" className="num">
                      Rejected
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {f.decisionsByApprover.map((d) => (
                    <tr key={d.approver}>
                      <th scope="row">{d.approver}</th>
                      <td className="num">{d.approved}</td>
                      <td className="num">{d.rejected}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>
          <section className="card" aria-labelledby="dash-lag">
            <h2 id="dash-lag">Projection lag</h2>
            <p data-testid="dash-lag">
              {f.maxLagEvents === 0
                ? 'Caught up.'
                : `${f.maxLagEvents} events behind, the oldest ${formatDuration(f.maxLagSeconds)} old.`}
            </p>
          </section>
        </div>
      )}
    </>
  );
}
