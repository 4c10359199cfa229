import type { QueuedRefund } from '../../api/types';
import { minorDigits } from '../../format/money';

/**
 * The approval queue's view, sort, filters and page as they stand in the URL
 * (`/console/queue?view=all&sort=amount&dir=desc&size=50`). Only enums and numbers: no
 * names, e-mails or free text, since a URL is logged and shared.
 */
export interface QueueQuery {
  /** `mine`: needs my decision; `all`: everything waiting; `expired`/`rejected`: decided lists. */
  readonly view: QueueView;
  readonly sort: QueueSort;
  readonly dir: 'asc' | 'desc';
  /** Amount range in major units of the refund's currency, as typed (`120`, `99.50`). */
  readonly min: string;
  readonly max: string;
  readonly currency: string;
  /** Only refunds whose approval deadline is within this many hours (0 = any). */
  readonly dueHours: number;
  /** Only refunds that need two approvers. */
  readonly twoApprovers: boolean;
  /** Part of an account id, and of the requester's actor id (ids, never names). */
  readonly account: string;
  readonly requester: string;
  readonly size: PageSize;
  readonly page: number;
}

export const QUEUE_VIEWS = {
  mine: 'Needs my decision',
  all: 'All waiting',
  expired: 'Expired',
  rejected: 'Rejected',
} as const;
export type QueueView = keyof typeof QUEUE_VIEWS;

export const QUEUE_SORTS = { age: 'Age', amount: 'Amount', deadline: 'Deadline' } as const;
export type QueueSort = keyof typeof QUEUE_SORTS;

export const PAGE_SIZES = [25, 50, 100] as const;
export type PageSize = (typeof PAGE_SIZES)[number];

export const DUE_WITHIN_HOURS = [0, 1, 4, 24] as const;

const oneOf = <T extends string>(value: string | null, allowed: readonly T[], fallback: T): T =>
  allowed.includes(value as T) ? (value as T) : fallback;
// Ids are 1–128 letters, digits and . _ : - (docs/api.md): nothing else is kept.
const idPart = (value: string | null): string =>
  value !== null && /^[A-Za-z0-9._:-]{1,128}$/.test(value) ? value : '';
const decimal = (value: string | null): string =>
  value !== null && /^\d{1,12}(\.\d{1,3})?$/.test(value) ? value : '';

/** Defaults: approvers start on "Needs my decision", everyone else on all waiting; oldest first. */
export function defaultQuery(mayDecide: boolean): QueueQuery {
  return {
    view: mayDecide ? 'mine' : 'all',
    sort: 'age',
    dir: 'desc',
    min: '',
    max: '',
    currency: '',
    dueHours: 0,
    twoApprovers: false,
    account: '',
    requester: '',
    size: 25,
    page: 1,
  };
}

/** The query in a URL's search part; anything unknown or malformed falls back to its default. */
export function parseQueueQuery(search: URLSearchParams, mayDecide: boolean): QueueQuery {
  const d = defaultQuery(mayDecide);
  const size = Number(search.get('size'));
  const due = Number(search.get('due'));
  const page = Number(search.get('page'));
  const currency = search.get('currency') ?? '';
  return {
    view: oneOf(search.get('view'), Object.keys(QUEUE_VIEWS) as QueueView[], d.view),
    sort: oneOf(search.get('sort'), Object.keys(QUEUE_SORTS) as QueueSort[], d.sort),
    dir: oneOf(search.get('dir'), ['asc', 'desc'], d.dir),
    min: decimal(search.get('min')),
    max: decimal(search.get('max')),
    currency: /^[A-Z]{3}$/.test(currency) ? currency : '',
    dueHours: (DUE_WITHIN_HOURS as readonly number[]).includes(due) ? due : 0,
    twoApprovers: search.get('two') === '1',
    account: idPart(search.get('account')),
    requester: idPart(search.get('by')),
    size: (PAGE_SIZES as readonly number[]).includes(size) ? (size as PageSize) : d.size,
    page: Number.isInteger(page) && page >= 1 ? page : 1,
  };
}

/** The URL search part of a query, leaving out what equals the default (`''` for none). */
export function queueSearch(query: QueueQuery, mayDecide: boolean): string {
  const d = defaultQuery(mayDecide);
  const params = new URLSearchParams();
  if (query.view !== d.view) params.set('view', query.view);
  if (query.sort !== d.sort) params.set('sort', query.sort);
  if (query.dir !== d.dir) params.set('dir', query.dir);
  if (query.min) params.set('min', query.min);
  if (query.max) params.set('max', query.max);
  if (query.currency) params.set('currency', query.currency);
  if (query.dueHours) params.set('due', String(query.dueHours));
  if (query.twoApprovers) params.set('two', '1');
  if (query.account) params.set('account', query.account);
  if (query.requester) params.set('by', query.requester);
  if (query.size !== d.size) params.set('size', String(query.size));
  if (query.page !== 1) params.set('page', String(query.page));
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** Whether `actor` could approve it now: not the requester, not an approver already. */
export function awaitsDecisionBy(refund: QueuedRefund, actor: string): boolean {
  return refund.requestedBy !== actor && !refund.approvedBy.includes(actor);
}

// A filter compares major units (what people type), so `10.00` works for yen as well.
const major = (minor: number, currency: string): number => minor / 10 ** minorDigits(currency);

const SORT_KEYS: Record<QueueSort, (r: QueuedRefund) => number> = {
  // "Age" descending = oldest first: the request instant, earliest first.
  age: (r) => -Date.parse(r.requestedAt),
  amount: (r) => r.amount,
  deadline: (r) => Date.parse(r.approvalDeadline),
};

/**
 * The refunds the query shows, in its order: the view's rows (for `mine`, those `actor`
 * may still decide), then the filters, then the sort (ties: oldest request first, then ids,
 * so the order is stable between refreshes).
 */
export function selectRefunds(
  items: readonly QueuedRefund[],
  query: QueueQuery,
  actor: string,
  nowMs: number,
): QueuedRefund[] {
  const dueBy = query.dueHours ? nowMs + query.dueHours * 3_600_000 : undefined;
  const key = SORT_KEYS[query.sort];
  const sign = query.dir === 'asc' ? 1 : -1;
  return items
    .filter((r) => query.view !== 'mine' || awaitsDecisionBy(r, actor))
    .filter((r) => !query.currency || r.currency === query.currency)
    .filter((r) => !query.min || major(r.amount, r.currency) >= Number(query.min))
    .filter((r) => !query.max || major(r.amount, r.currency) <= Number(query.max))
    .filter((r) => dueBy === undefined || Date.parse(r.approvalDeadline) <= dueBy)
    .filter((r) => !query.twoApprovers || r.approvalsRequired >= 2)
    .filter(
      (r) => !query.account || r.accountId.toLowerCase().includes(query.account.toLowerCase()),
    )
    .filter(
      (r) =>
        !query.requester || r.requestedBy.toLowerCase().includes(query.requester.toLowerCase()),
    )
    .sort(
      (a, b) =>
        sign * (key(a) - key(b)) ||
        a.requestedAt.localeCompare(b.requestedAt) ||
        a.accountId.localeCompare(b.accountId) ||
        a.refundId.localeCompare(b.refundId),
    );
}

/** How near a deadline is, for its colour: overdue, under 4 h, under 24 h, or later. */
export function deadlineTone(
  deadlineIso: string,
  nowMs: number,
): 'overdue' | 'urgent' | 'soon' | 'later' {
  const left = Date.parse(deadlineIso) - nowMs;
  if (left <= 0) return 'overdue';
  if (left <= 4 * 3_600_000) return 'urgent';
  if (left <= 24 * 3_600_000) return 'soon';
  return 'later';
}
