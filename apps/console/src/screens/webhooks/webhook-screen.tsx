import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { Filters, SelectFilter } from '../../components/filters';
import { PageTitle } from '../../components/page-title';
import { ProblemBanner } from '../../components/problem-banner';
import { Empty, Loading } from '../../components/states';
import { Instant } from '../../components/time';
import { useManage } from '../../hooks/use-manage';
import { useResource } from '../../hooks/use-resource';
import { useSignedIn } from '../../session/session';
import { DeliveriesTable } from './deliveries-table';
import { SecretOnce } from './secret-once';
import {
  webhookPath,
  type EndpointWithSecret,
  type WebhookDelivery,
  type WebhookEndpoint,
} from './webhook-types';

const STATUS_FILTER = {
  '': 'Any',
  pending: 'Pending',
  delivered: 'Delivered',
  dead: 'Dead letters',
};
const REFRESH_MS = 5000;

/**
 * One webhook endpoint (admins): enable or disable it, rotate its secret (the new one shown
 * once; the old one signs too for a day), replay it from a global position, delete it; its
 * deliveries with status and last error, dead letters re-sent one by one or all at once.
 */
export function WebhookScreen() {
  const { webhookId = '' } = useParams();
  const { client } = useSignedIn();
  const navigate = useNavigate();
  const path = webhookPath(webhookId);
  const [status, setStatus] = useState('');
  const [secret, setSecret] = useState<string | null>(null);
  const [fromPosition, setFromPosition] = useState('0');
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const manage = useManage();
  const endpoint = useResource(['webhook', webhookId], () => client.get<WebhookEndpoint>(path));
  const deliveries = useResource(
    ['webhook-deliveries', webhookId, status],
    () => client.get<WebhookDelivery[]>(`${path}/deliveries`, { status, limit: 100 }),
    { refetchIntervalMs: REFRESH_MS, keepPrevious: true },
  );
  const reload = () => {
    endpoint.reload();
    deliveries.reload();
  };

  const act = async <T,>(method: 'POST' | 'PATCH' | 'DELETE', to: string, body?: object) => {
    setNotice(null);
    const result = await manage.run<T>(method, to, body);
    if (result !== undefined) reload();
    return result;
  };
  const resent = (result: { resent: number } | undefined) =>
    result &&
    setNotice(`${result.resent} dead letter${result.resent === 1 ? '' : 's'} queued again.`);

  const replay = async (event: FormEvent) => {
    event.preventDefault();
    const done = await act<WebhookEndpoint>('POST', `${path}/replay`, {
      fromPosition: fromPosition.trim(),
    });
    if (done)
      setNotice(`Every event after position ${fromPosition.trim()} will be delivered again.`);
  };

  const e = endpoint.data;
  return (
    <>
      <PageTitle title={`Webhook ${webhookId}`}>Webhook endpoint</PageTitle>
      <p>
        <Link to="/webhooks">All endpoints</Link>
      </p>
      {endpoint.error && <ProblemBanner failure={endpoint.error} onRetry={endpoint.reload} />}
      {endpoint.loading && !e && <Loading what="the endpoint" />}
      {secret && <SecretOnce secret={secret} onDone={() => setSecret(null)} />}
      {manage.failure && <ProblemBanner failure={manage.failure} />}
      {notice && (
        <p className="banner banner-ok" role="status">
          {notice}
        </p>
      )}
      {e && (
        <section className="card" aria-labelledby="endpoint-title">
          <h2 id="endpoint-title">{e.url}</h2>
          <dl className="pairs">
            <dt>State</dt>
            <dd data-testid="webhook-state">{e.enabled ? 'Enabled' : 'Disabled'}</dd>
            <dt>Topics</dt>
            <dd>{e.topics.join(', ')}</dd>
            <dt>Queued up to</dt>
            <dd>global position {e.position}</dd>
            <dt>Registered</dt>
            <dd>
              <Instant iso={e.createdAt} />
            </dd>
            {e.previousSecretExpiresAt && (
              <>
                <dt>Previous secret</dt>
                <dd>
                  also signs until <Instant iso={e.previousSecretExpiresAt} />
                </dd>
              </>
            )}
          </dl>
          <div className="decision-actions">
            <button
              type="button"
              disabled={manage.busy}
              onClick={() => void act('PATCH', path, { enabled: !e.enabled })}
            >
              {e.enabled ? 'Disable' : 'Enable'}
            </button>
            <button
              type="button"
              disabled={manage.busy}
              onClick={async () => {
                const rotated = await act<EndpointWithSecret>('PATCH', path, {
                  rotateSecret: true,
                });
                if (rotated?.secret) setSecret(rotated.secret);
              }}
            >
              Rotate secret
            </button>
            <button
              type="button"
              disabled={manage.busy}
              onClick={async () => resent(await act<{ resent: number }>('POST', `${path}/resend`))}
            >
              Re-send all dead letters
            </button>
            {confirmDelete ? (
              <>
                <button
                  type="button"
                  className="danger"
                  disabled={manage.busy}
                  onClick={async () => {
                    if (await act('DELETE', path)) navigate('/webhooks');
                  }}
                >
                  Delete, with its deliveries
                </button>
                <button type="button" onClick={() => setConfirmDelete(false)}>
                  Keep it
                </button>
              </>
            ) : (
              <button type="button" onClick={() => setConfirmDelete(true)}>
                Delete…
              </button>
            )}
          </div>
          <form onSubmit={replay} className="lookup">
            <label htmlFor="replay-from">Replay from global position</label>
            <input
              id="replay-from"
              inputMode="numeric"
              value={fromPosition}
              onChange={(ev) => setFromPosition(ev.target.value)}
              required
            />
            <button type="submit" disabled={manage.busy}>
              Replay
            </button>
          </form>
        </section>
      )}
      <section className="card" aria-labelledby="deliveries-title">
        <h2 id="deliveries-title">Deliveries</h2>
        <Filters label="Deliveries" onRefresh={deliveries.reload}>
          <SelectFilter
            id="delivery-status"
            label="Status"
            value={status}
            options={STATUS_FILTER}
            onChange={setStatus}
          />
        </Filters>
        {deliveries.error && (
          <ProblemBanner failure={deliveries.error} onRetry={deliveries.reload} />
        )}
        {deliveries.data && deliveries.data.length === 0 && <Empty>No deliveries.</Empty>}
        {deliveries.data && deliveries.data.length > 0 && (
          <DeliveriesTable
            deliveries={deliveries.data}
            busy={manage.busy}
            onResend={async (d) =>
              resent(await act<{ resent: number }>('POST', `${path}/deliveries/${d.id}/resend`))
            }
          />
        )}
      </section>
    </>
  );
}
