import { useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router';
import type { Account, EventPage } from '../../api/types';
import { Money } from '../../components/money';
import { Pager } from '../../components/pager';
import { ProblemBanner } from '../../components/problem-banner';
import { Loading } from '../../components/states';
import { Instant } from '../../components/time';
import { ACCOUNT_STATUSES, FREEZE_REASONS, words } from '../../format/labels';
import { useResource } from '../../hooks/use-resource';
import { useSignedIn } from '../../session/session';
import { EventFacts } from './event-facts';
import { stateDiff } from './state-diff';

const PAGE_SIZE = 20;

type At = { readonly version: number } | { readonly asOf: string };

/**
 * The stored events, paged, and the account as it was at a version (slider) or an instant
 * (date and time): the time-travel endpoints. History readers only (auditor, admin, compliance).
 */
export function TimelinePanel({ account }: { account: Account }) {
  const { client } = useSignedIn();
  const id = encodeURIComponent(account.accountId);
  const pages = Math.max(1, Math.ceil(account.version / PAGE_SIZE));
  const [page, setPage] = useState(pages);
  // The version or instant shown is in the URL (?version=12 or ?asOf=…): a link shares it.
  const [params, setParams] = useSearchParams();
  const [at, setAtState] = useState<At>(() => initialAt(params, account.version));
  const setAt = (next: At) => {
    setAtState(next);
    setParams('version' in next ? { version: String(next.version) } : { asOf: next.asOf }, {
      replace: true,
    });
  };
  const [instant, setInstant] = useState('');

  const fromVersion = (page - 1) * PAGE_SIZE + 1;
  const events = useResource(['events', account.accountId, fromVersion, account.version], () =>
    client.get<EventPage>(`/accounts/${id}/events`, { fromVersion, limit: PAGE_SIZE }),
  );
  const query = 'version' in at ? { atVersion: at.version } : { asOf: at.asOf };
  const past = useResource(
    ['state', account.accountId, JSON.stringify(query)],
    () => client.get<Account>(`/accounts/${id}/state`, query),
    { keepPrevious: true },
  );
  const version = 'version' in at ? at.version : (past.data?.version ?? account.version);

  const showInstant = (event: FormEvent) => {
    event.preventDefault();
    const date = new Date(instant);
    if (!Number.isNaN(date.getTime())) setAt({ asOf: date.toISOString() });
  };

  return (
    <section className="card" aria-labelledby="timeline-title">
      <h2 id="timeline-title">Timeline</h2>
      <div className="time-travel">
        <div>
          <label htmlFor="version-slider">Show the account at version</label>
          <input
            id="version-slider"
            type="range"
            min={1}
            max={account.version}
            step={1}
            value={version}
            onChange={(e) => setAt({ version: Number(e.target.value) })}
            aria-valuetext={`version ${version} of ${account.version}`}
          />
          <output htmlFor="version-slider" data-testid="version-shown">
            version {version} of {account.version}
          </output>
        </div>
        <form onSubmit={showInstant}>
          <label htmlFor="as-of">or as it was at</label>
          <input
            id="as-of"
            type="datetime-local"
            step={1}
            value={instant}
            onChange={(e) => setInstant(e.target.value)}
          />
          <button type="submit">Show</button>
        </form>
      </div>
      {past.error && <ProblemBanner failure={past.error} onRetry={past.reload} />}
      {past.data && <PastState account={past.data} now={account} />}
      {events.error && <ProblemBanner failure={events.error} onRetry={events.reload} />}
      {events.loading && !events.data && <Loading what="the events" />}
      {events.data && (
        <table className="data events">
          <caption>
            Stored events (versions {(page - 1) * PAGE_SIZE + 1}–
            {Math.min(page * PAGE_SIZE, account.version)})
          </caption>
          <thead>
            <tr>
              <th scope="col" className="num">
                Version
              </th>
              <th scope="col">When</th>
              <th scope="col">Event</th>
              <th scope="col">By</th>
              <th scope="col">Facts</th>
              <th scope="col">State</th>
            </tr>
          </thead>
          <tbody>
            {events.data.items.map((e) => (
              <tr key={e.eventId} className={e.version === version ? 'selected' : undefined}>
                <td className="num">{e.version}</td>
                <td>
                  <Instant iso={e.metadata.occurredAt} />
                </td>
                <th scope="row">{e.type}</th>
                <td>{e.metadata.actor.id}</td>
                <td>
                  <EventFacts
                    accountId={account.accountId}
                    data={e.data}
                    currency={account.currency}
                  />
                </td>
                <td>
                  <button
                    type="button"
                    className="link"
                    aria-label={`Show the account at version ${e.version}`}
                    onClick={() => setAt({ version: e.version })}
                  >
                    Show
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Pager page={page} pages={pages} onPage={setPage} label="Events" />
    </section>
  );
}

/** What the URL asks to show: a version in range, a valid instant, else the latest version. */
function initialAt(params: URLSearchParams, latest: number): At {
  const version = Number(params.get('version'));
  if (Number.isInteger(version) && version >= 1 && version <= latest) return { version };
  const asOf = params.get('asOf');
  if (asOf && !Number.isNaN(Date.parse(asOf))) return { asOf: new Date(asOf).toISOString() };
  return { version: latest };
}

/** The account at the chosen point: status, balance, freezes and refunds, and what differs now. */
function PastState({ account, now }: { account: Account; now: Account }) {
  const changes = stateDiff(account, now);
  return (
    <div className="past-state" data-testid="past-state" aria-live="polite">
      <p className="past-title">
        At version {account.version}: {ACCOUNT_STATUSES[account.status] ?? words(account.status)}
        {account.frozen
          ? `, frozen (${account.freezeReasons.map((r) => FREEZE_REASONS[r] ?? r).join(', ')})`
          : ''}
      </p>
      <p>
        Available <Money minor={account.balance.available} currency={account.currency} /> · held{' '}
        <Money minor={account.balance.held} currency={account.currency} /> · pending in{' '}
        <Money minor={account.balance.pendingIn} currency={account.currency} />
      </p>
      {account.refunds.length > 0 && (
        <p>Refunds: {account.refunds.map((r) => `${r.refundId} ${words(r.status)}`).join(', ')}</p>
      )}
      <p data-testid="version-vs-now">
        <strong>This version vs now:</strong>{' '}
        {changes.length === 0 ? 'no difference.' : `${changes.join('; ')}.`}
      </p>
    </div>
  );
}
