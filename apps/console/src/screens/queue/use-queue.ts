import { useMemo } from 'react';
import type { FrozenAccount, Items, QueuedRefund } from '../../api/types';
import { useResource, type Resource } from '../../hooks/use-resource';
import { can, useSignedIn } from '../../session/session';
import { parseQueueQuery, selectRefunds, type QueueQuery } from './queue-query';

/** How often the queue asks again: a refund decided elsewhere leaves within this (≤ 10 s). */
export const QUEUE_REFRESH_MS = 4000;

// The queue's search part as last shown, so coming back (the menu, a breadcrumb, "next"
// after the last refund) finds the same view, sort, filters and page. Memory only: it
// holds enums and numbers, and a new tab starts from the defaults.
let lastSearch = '';

export function rememberQueueSearch(search: string): void {
  lastSearch = search;
}

/** `/queue` with the search part last shown. */
export function queuePath(): string {
  return `/queue${lastSearch}`;
}

export function rememberedQueueSearch(): string {
  return lastSearch;
}

export interface QueueList {
  readonly query: QueueQuery;
  readonly resource: Resource<Items<QueuedRefund>>;
  /** All rows of the view, filtered and sorted (every page). */
  readonly rows: readonly QueuedRefund[];
  /** Account id → its active freeze reasons (accounts not listed are not frozen). */
  readonly frozen: ReadonlyMap<string, FrozenAccount>;
}

/**
 * The approval queue as `search` asks for it, refreshed every {@link QUEUE_REFRESH_MS}:
 * the waiting refunds (or the expired or rejected ones) and the frozen accounts, joined
 * in the page. Shared by the queue and the refund screen ("Approve & next").
 */
export function useQueueList(search: string, nowMs: number): QueueList {
  const { session, client } = useSignedIn();
  const mayDecide = can(session, 'approveRefund') || can(session, 'rejectRefund');
  const query = parseQueueQuery(new URLSearchParams(search), mayDecide);
  const status = query.view === 'expired' || query.view === 'rejected' ? query.view : '';
  const resource = useResource(
    ['ops-refunds', status],
    () => client.get<Items<QueuedRefund>>(`/ops/refunds${status ? `?status=${status}` : ''}`),
    { refetchIntervalMs: QUEUE_REFRESH_MS },
  );
  const mayReadFrozen = can(session, 'opsFrozenAccounts');
  const frozenList = useResource(
    ['ops-frozen'],
    () =>
      mayReadFrozen
        ? client.get<Items<FrozenAccount>>('/ops/frozen-accounts')
        : Promise.resolve({ items: [] }),
    { refetchIntervalMs: QUEUE_REFRESH_MS },
  );
  const frozen = useMemo(
    () => new Map((frozenList.data?.items ?? []).map((f) => [f.accountId, f])),
    [frozenList.data],
  );
  // The age filter and sort move with the clock only when the list itself changes.
  const updatedAt = resource.updatedAt || nowMs;
  const rows = useMemo(
    () => selectRefunds(resource.data?.items ?? [], query, session.actorId, updatedAt),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the query is derived from `search`
    [resource.data, search, session.actorId, updatedAt],
  );
  return { query, resource, rows, frozen };
}
