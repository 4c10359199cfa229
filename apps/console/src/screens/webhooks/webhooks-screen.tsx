import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { PageTitle } from '../../components/page-title';
import { ProblemBanner } from '../../components/problem-banner';
import { Empty, Loading } from '../../components/states';
import { Instant } from '../../components/time';
import { useManage } from '../../hooks/use-manage';
import { useResource } from '../../hooks/use-resource';
import { useSignedIn } from '../../session/session';
import { SecretOnce } from './secret-once';
import {
  parseTopics,
  webhookPath,
  type EndpointWithSecret,
  type WebhookEndpoint,
} from './webhook-types';

/** Registers an endpoint; its secret is shown once, by the caller. */
function RegisterForm({ onRegistered }: { onRegistered: (made: EndpointWithSecret) => void }) {
  const { run, busy, failure } = useManage();
  const [url, setUrl] = useState('');
  const [topics, setTopics] = useState('*');
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const made = await run<EndpointWithSecret>('POST', '/webhooks', {
      url: url.trim(),
      topics: parseTopics(topics),
    });
    if (made) {
      setUrl('');
      onRegistered(made);
    }
  };
  return (
    <section className="card" aria-labelledby="register-title">
      <h2 id="register-title">Register an endpoint</h2>
      <p className="help">
        HTTPS (plain HTTP only to this machine, in development). Topics: event types such as{' '}
        <code>RefundApproved</code> or notification kinds such as <code>refund_paid_out</code>,
        separated by commas; <code>*</code> for everything.
      </p>
      <form onSubmit={submit} className="grid-form">
        <div>
          <label htmlFor="webhook-url">URL</label>
          <input
            id="webhook-url"
            type="url"
            value={url}
            onChange={(e) => setUrl(e.target.value)}
            autoComplete="off"
            required
          />
        </div>
        <div>
          <label htmlFor="webhook-topics">Topics</label>
          <input
            id="webhook-topics"
            value={topics}
            onChange={(e) => setTopics(e.target.value)}
            autoComplete="off"
            required
          />
        </div>
        <div className="wide">
          <button type="submit" className="primary" disabled={busy || url.trim() === ''}>
            {busy ? 'Registering…' : 'Register'}
          </button>
        </div>
      </form>
      {failure && <ProblemBanner failure={failure} />}
    </section>
  );
}

/** Webhook endpoints (admins): the list, and registering one (its secret shown once). */
export function WebhooksScreen() {
  const { client } = useSignedIn();
  const endpoints = useResource(['webhooks'], () => client.get<WebhookEndpoint[]>('/webhooks'));
  const [secret, setSecret] = useState<{ id: string; value: string } | null>(null);
  return (
    <>
      <PageTitle title="Webhooks">Webhooks</PageTitle>
      {secret && (
        <>
          <p>
            Registered <Link to={webhookPath(secret.id)}>{secret.id}</Link>.
          </p>
          <SecretOnce secret={secret.value} onDone={() => setSecret(null)} />
        </>
      )}
      <section className="card" aria-labelledby="endpoints-title">
        <h2 id="endpoints-title">Endpoints</h2>
        {endpoints.error && <ProblemBanner failure={endpoints.error} onRetry={endpoints.reload} />}
        {endpoints.loading && !endpoints.data && <Loading what="the endpoints" />}
        {endpoints.data && endpoints.data.length === 0 && (
          <Empty>No endpoint is registered: events reach no other service.</Empty>
        )}
        {endpoints.data && endpoints.data.length > 0 && (
          <table className="data" data-testid="webhooks-table">
            <caption>Registered endpoints</caption>
            <thead>
              <tr>
                <th scope="col">URL</th>
                <th scope="col">Topics</th>
                <th scope="col">State</th>
                <th scope="col" className="num">
                  Queued up to
                </th>
                <th scope="col">Registered</th>
              </tr>
            </thead>
            <tbody>
              {endpoints.data.map((endpoint) => (
                <tr key={endpoint.id}>
                  <th scope="row">
                    <Link to={webhookPath(endpoint.id)}>{endpoint.url}</Link>
                  </th>
                  <td>{endpoint.topics.join(', ')}</td>
                  <td>{endpoint.enabled ? 'Enabled' : 'Disabled'}</td>
                  <td className="num">{endpoint.position}</td>
                  <td>
                    <Instant iso={endpoint.createdAt} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <RegisterForm
        onRegistered={(made) => {
          if (made.secret) setSecret({ id: made.endpoint.id, value: made.secret });
          endpoints.reload();
        }}
      />
    </>
  );
}
