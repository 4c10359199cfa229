import { useEffect, useRef, useState } from 'react';
import { useLocation, useNavigate, useSearchParams } from 'react-router';
import type { QueuedRefund } from '../../api/types';
import { AccountLink, RefundLink } from '../../components/account-link';
import { Filters, SelectFilter } from '../../components/filters';
import { Money } from '../../components/money';
import { PageTitle } from '../../components/page-title';
import { pageOf, Pager } from '../../components/pager';
import { ResourceStatus } from '../../components/resource-status';
import { Instant } from '../../components/time';
import { FREEZE_REASONS, REFUND_REASONS, words } from '../../format/labels';
import { formatDuration, slaState } from '../../format/time';
import { useNow } from '../../hooks/use-now';
import { useShortcuts } from '../../keyboard/shortcuts';
import { can, useSignedIn } from '../../session/session';
import {
  deadlineTone,
  defaultQuery,
  DUE_WITHIN_HOURS,
  PAGE_SIZES,
  QUEUE_SORTS,
  QUEUE_VIEWS,
  parseQueueQuery,
  queueSearch,
  type QueueQuery,
} from './queue-query';
import {
  QUEUE_REFRESH_MS,
  rememberedQueueSearch,
  rememberQueueSearch,
  useQueueList,
} from './use-queue';

const DUE_LABELS: Record<string, string> = Object.fromEntries(
  DUE_WITHIN_HOURS.map((h) => [String(h), h === 0 ? 'Any time' : `Within ${h} h`]),
);
const DIRECTIONS = { desc: 'Descending', asc: 'Ascending' };
const TONE_WORDS = { overdue: 'Overdue', urgent: 'Under 4 h', soon: 'Under 24 h', later: '' };

/**
 * A filter by (part of) an id: it goes into the URL as typed (ids are no personal data).
 * The field keeps what is typed and tells the URL a moment later, so fast typing is never
 * overtaken by the navigation; a change of the URL from elsewhere (Back to the default
 * view) is taken over while the field is not being typed into.
 */
function IdFilter({
  id,
  label,
  value,
  onChange,
}: {
  id: string;
  label: string;
  value: string;
  onChange(value: string): void;
}) {
  const [text, setText] = useState(value);
  const field = useRef<HTMLInputElement>(null);
  const latest = useRef(onChange);
  useEffect(() => {
    latest.current = onChange;
  });
  useEffect(() => {
    if (document.activeElement !== field.current) setText(value);
  }, [value]);
  useEffect(() => {
    if (text === value) return;
    const timer = setTimeout(() => latest.current(text), 250);
    return () => clearTimeout(timer);
  }, [text, value]);
  return (
    <div>
      <label htmlFor={id}>{label}</label>
      <input
        ref={field}
        id={id}
        size={10}
        value={text}
        onChange={(e) => setText(e.target.value.replace(/[^A-Za-z0-9._:-]/g, '').slice(0, 128))}
      />
    </div>
  );
}

/** Moves the focus to the next (+1) or previous (-1) refund link of the table (j / k). */
function moveFocus(step: 1 | -1): void {
  const links = [...document.querySelectorAll<HTMLAnchorElement>('table.queue tbody th a')];
  if (links.length === 0) return;
  const at = links.findIndex((a) => a === document.activeElement);
  const next = at === -1 ? (step === 1 ? 0 : links.length - 1) : at + step;
  links[Math.min(Math.max(next, 0), links.length - 1)]?.focus();
}

/**
 * Refunds to decide: by default those waiting for me (not requested, not yet approved by
 * me), oldest first; sortable and filterable, 25/50/100 a page, everything in the URL and
 * kept on coming back, refreshed every few seconds. Expired and rejected refunds are views.
 */
export function QueueScreen() {
  const { session } = useSignedIn();
  const mayDecide = can(session, 'approveRefund') || can(session, 'rejectRefund');
  const [params] = useSearchParams();
  const location = useLocation();
  const navigate = useNavigate();
  const now = useNow(1000);
  const { query, resource, rows, frozen } = useQueueList(location.search, now);

  // Coming back without a search part (the menu): the view last shown.
  const remembered = rememberedQueueSearch();
  useEffect(() => {
    if (location.search === '' && remembered !== '')
      navigate(`/queue${remembered}`, { replace: true });
    else rememberQueueSearch(location.search);
  }, [location.search, remembered, navigate]);

  // Built on the URL as it is now, not on the last render's query: two quick changes (a sort,
  // then a filter before the page re-rendered) would otherwise drop the first one.
  const change = (next: Partial<QueueQuery>) => {
    const current = parseQueueQuery(new URLSearchParams(window.location.search), mayDecide);
    const search = queueSearch({ ...current, page: 1, ...next }, mayDecide);
    rememberQueueSearch(search);
    navigate(`/queue${search}`, { replace: true });
  };
  useShortcuts({ j: () => moveFocus(1), k: () => moveFocus(-1) });

  const shown = pageOf(rows, query.page, query.size);
  const decided = query.view === 'expired' || query.view === 'rejected';
  const currencies = [...new Set((resource.data?.items ?? []).map((r) => r.currency))].sort();
  const age = (r: QueuedRefund) => formatDuration((now - Date.parse(r.requestedAt)) / 1000);

  return (
    <>
      <PageTitle title="Approval queue">Approval queue</PageTitle>
      <p className="lead">
        {decided
          ? `Refunds ${query.view}: who decided, and why.`
          : 'Refunds waiting for an approver. The deadline column counts down to each refund’s approval deadline; past it the refund expires and its hold is released.'}{' '}
        The list refreshes itself every {QUEUE_REFRESH_MS / 1000} s. Press <kbd>?</kbd> for the
        keyboard shortcuts.
      </p>
      <Filters label="Filter the queue" onRefresh={resource.reload}>
        <SelectFilter
          id="queue-view"
          label="Show"
          value={query.view}
          options={
            mayDecide
              ? QUEUE_VIEWS
              : {
                  all: QUEUE_VIEWS.all,
                  expired: QUEUE_VIEWS.expired,
                  rejected: QUEUE_VIEWS.rejected,
                }
          }
          onChange={(v) => change({ view: v as QueueQuery['view'] })}
        />
        <SelectFilter
          id="queue-sort"
          label="Sort by"
          value={query.sort}
          options={QUEUE_SORTS}
          onChange={(v) => change({ sort: v as QueueQuery['sort'] })}
        />
        <SelectFilter
          id="queue-dir"
          label="Order"
          value={query.dir}
          options={DIRECTIONS}
          onChange={(v) => change({ dir: v as QueueQuery['dir'] })}
        />
        <div>
          <label htmlFor="queue-min">Amount from</label>
          <input
            id="queue-min"
            inputMode="decimal"
            size={8}
            defaultValue={query.min}
            key={`min-${query.min}`}
            onBlur={(e) => change({ min: e.target.value.trim() })}
            onKeyDown={(e) => e.key === 'Enter' && change({ min: e.currentTarget.value.trim() })}
          />
        </div>
        <div>
          <label htmlFor="queue-max">to</label>
          <input
            id="queue-max"
            inputMode="decimal"
            size={8}
            defaultValue={query.max}
            key={`max-${query.max}`}
            onBlur={(e) => change({ max: e.target.value.trim() })}
            onKeyDown={(e) => e.key === 'Enter' && change({ max: e.currentTarget.value.trim() })}
          />
        </div>
        <SelectFilter
          id="queue-currency"
          label="Currency"
          value={query.currency}
          options={{ '': 'Any', ...Object.fromEntries(currencies.map((c) => [c, c])) }}
          onChange={(v) => change({ currency: v })}
        />
        {!decided && (
          <SelectFilter
            id="queue-due"
            label="Due"
            value={String(query.dueHours)}
            options={DUE_LABELS}
            onChange={(v) => change({ dueHours: Number(v) })}
          />
        )}
        {!decided && (
          <div className="checkbox">
            <input
              id="queue-two"
              type="checkbox"
              checked={query.twoApprovers}
              onChange={(e) => change({ twoApprovers: e.target.checked })}
            />
            <label htmlFor="queue-two">Two approvers</label>
          </div>
        )}
        <IdFilter
          id="queue-account"
          label="Account"
          value={query.account}
          onChange={(account) => change({ account })}
        />
        <IdFilter
          id="queue-requester"
          label="Requested by"
          value={query.requester}
          onChange={(requester) => change({ requester })}
        />
        <SelectFilter
          id="queue-size"
          label="Rows"
          value={String(query.size)}
          options={Object.fromEntries(PAGE_SIZES.map((n) => [String(n), String(n)]))}
          onChange={(v) => change({ size: Number(v) as QueueQuery['size'] })}
        />
      </Filters>
      <ResourceStatus
        resource={resource}
        what="the approval queue"
        empty={
          rows.length === 0 &&
          (query.view === 'mine'
            ? 'Nothing needs your decision.'
            : resource.data?.items.length === 0
              ? decided
                ? `No refund is ${query.view}.`
                : 'No refund is waiting for approval.'
              : 'No refund matches the filters.')
        }
      />
      {shown.items.length > 0 && (
        <table className="data queue">
          <caption>
            {rows.length} refund{rows.length === 1 ? '' : 's'} —{' '}
            {QUEUE_VIEWS[query.view].toLowerCase()}
          </caption>
          <thead>
            <tr>
              <th scope="col">Refund</th>
              <th scope="col">Account</th>
              <th scope="col">Owner</th>
              <th scope="col">Frozen</th>
              <th scope="col" className="num">
                Amount
              </th>
              <th scope="col">Reason</th>
              <th scope="col">Requested by</th>
              {decided ? (
                <>
                  <th scope="col">Decided by</th>
                  <th scope="col">When</th>
                </>
              ) : (
                <>
                  <th scope="col">Age</th>
                  <th scope="col">Approvals</th>
                  <th scope="col">Deadline</th>
                </>
              )}
            </tr>
          </thead>
          <tbody>
            {shown.items.map((r) => {
              const freeze = frozen.get(r.accountId);
              const tone = deadlineTone(r.approvalDeadline, now);
              return (
                <tr key={`${r.accountId}/${r.refundId}`}>
                  <th scope="row">
                    <RefundLink accountId={r.accountId} refundId={r.refundId} />
                  </th>
                  <td>
                    <AccountLink id={r.accountId} />
                  </td>
                  <td data-testid="owner-cell">{r.ownerName ?? ''}</td>
                  <td data-testid="frozen-cell">
                    {freeze ? (
                      <span className="badge badge-frozen">
                        {freeze.reasons
                          .map((f) => FREEZE_REASONS[f.reason] ?? words(f.reason))
                          .join(', ')}
                      </span>
                    ) : (
                      '—'
                    )}
                  </td>
                  <td className="num">
                    <Money minor={r.amount} currency={r.currency} />
                  </td>
                  <td>{REFUND_REASONS[r.reason] ?? words(r.reason)}</td>
                  <td>{r.requestedBy}</td>
                  {decided ? (
                    <>
                      <td>
                        {r.decidedBy ?? '—'}
                        {r.decisionReason ? `: ${words(r.decisionReason)}` : ''}
                      </td>
                      <td>
                        <Instant iso={r.updatedAt} />
                      </td>
                    </>
                  ) : (
                    <>
                      <td>{age(r)}</td>
                      <td>
                        {r.approvals} of {r.approvalsRequired}
                        {r.status === 'partially_approved' ? ` (${r.approvedBy.join(', ')})` : ''}
                      </td>
                      <td>
                        <span className={`sla sla-${tone}`} data-tone={tone}>
                          {TONE_WORDS[tone] && <strong>{TONE_WORDS[tone]}</strong>}{' '}
                          {slaState(r.approvalDeadline, now).label}
                        </span>
                      </td>
                    </>
                  )}
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      <Pager
        page={shown.page}
        pages={shown.pages}
        onPage={(page) => change({ page })}
        label="Queue"
      />
      {params.size > 0 && (
        <p>
          <button type="button" className="link" onClick={() => change(defaultQuery(mayDecide))}>
            Back to the default view
          </button>
        </p>
      )}
    </>
  );
}
