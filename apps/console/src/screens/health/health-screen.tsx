import type { Items, ProjectionStatus } from '../../api/types';
import { PageTitle } from '../../components/page-title';
import { ProblemBanner } from '../../components/problem-banner';
import { Loading } from '../../components/states';
import { Instant } from '../../components/time';
import { formatDuration } from '../../format/time';
import { useResource } from '../../hooks/use-resource';
import { can, useSignedIn } from '../../session/session';
import { CheckpointPanel } from './checkpoint-panel';
import { VerifyPanel } from './verify-panel';

interface Health {
  readonly status: string;
  readonly info?: { readonly store?: { readonly status: string; readonly headPosition?: string } };
}

const REFRESH_MS = 5000;

/**
 * Projection lag per read model, last checkpoints, the store, the verifiable log's signed
 * checkpoint (history readers), and a hash-chain check on demand.
 */
export function HealthScreen() {
  const { session, client } = useSignedIn();
  const projections = useResource(
    ['ops-projections'],
    () => client.get<Items<ProjectionStatus>>('/ops/projections'),
    { refetchIntervalMs: REFRESH_MS },
  );
  const health = useResource(['health'], () => client.get<Health>('/health'), {
    refetchIntervalMs: REFRESH_MS,
  });
  return (
    <>
      <PageTitle title="Health">Health</PageTitle>
      <section className="card" aria-labelledby="store-title">
        <h2 id="store-title">Event store</h2>
        {health.error && <ProblemBanner failure={health.error} onRetry={health.reload} />}
        {health.data && (
          <p data-testid="store-health">
            {health.data.info?.store?.status === 'up' ? 'Answering' : 'Not answering'}; head
            position {health.data.info?.store?.headPosition ?? '—'}
          </p>
        )}
      </section>
      <section className="card" aria-labelledby="lag-title">
        <h2 id="lag-title">Projection lag</h2>
        <p className="help">
          Refreshed every {REFRESH_MS / 1000} s. A lag that keeps growing needs the runbook
          (docs/operations.md).
        </p>
        {projections.error && (
          <ProblemBanner failure={projections.error} onRetry={projections.reload} />
        )}
        {projections.loading && !projections.data && <Loading what="the projections" />}
        {projections.data && (
          <table className="data" data-testid="lag-table">
            <caption>Read models</caption>
            <thead>
              <tr>
                <th scope="col">Read model</th>
                <th scope="col">Mode</th>
                <th scope="col" className="num">
                  Checkpoint
                </th>
                <th scope="col" className="num">
                  Head
                </th>
                <th scope="col" className="num">
                  Lag (events)
                </th>
                <th scope="col">Lag (time)</th>
                <th scope="col">Last checkpoint</th>
                <th scope="col">Version</th>
              </tr>
            </thead>
            <tbody>
              {projections.data.items.map((p) => (
                <tr key={p.name} className={p.lagEvents > 0 || p.stale ? 'attention' : undefined}>
                  <th scope="row">{p.name}</th>
                  <td>{p.mode}</td>
                  <td className="num">{p.checkpoint}</td>
                  <td className="num">{p.head}</td>
                  <td className="num">{p.lagEvents}</td>
                  <td>{p.lagEvents > 0 ? formatDuration(p.lagSeconds) : 'caught up'}</td>
                  <td>
                    <Instant iso={p.updatedAt} />
                  </td>
                  <td>
                    {p.version}
                    {p.stale ? ' (stale: rebuild pending)' : ''}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      {can(session, 'latestCheckpoint') && <CheckpointPanel />}
      {can(session, 'verify') ? (
        <VerifyPanel />
      ) : (
        <p className="muted">
          Verifying an account&apos;s hash chain is for auditors, admins and compliance.
        </p>
      )}
    </>
  );
}
