import type { TopUpMethod, TopUpStatus } from '@account-ops/accounts';
import type { ReadModelReader, SqlRow } from '../read-model-reader';
import { ageSeconds, int, text, textOrNull } from '../shared/row-values';
import { opsTable } from './ops-table-names';
import { OPS_TOP_UPS } from './ops-tables';

/** A top-up as ops see it. */
export interface TopUpView {
  readonly accountId: string;
  readonly topUpId: string;
  readonly amount: number;
  readonly currency: string;
  readonly method: TopUpMethod;
  readonly status: TopUpStatus;
  readonly initiatedBy: string;
  readonly initiatedAt: string;
  readonly completedAt: string | null;
  readonly failureReason: string | null;
}

/** A pending top-up with how long it has been pending. */
export interface StaleTopUp extends TopUpView {
  readonly ageSeconds: number;
}

function toTopUp(row: SqlRow): TopUpView {
  return {
    accountId: text(row.account_id),
    topUpId: text(row.top_up_id),
    amount: int(row.amount),
    currency: text(row.currency),
    method: text(row.method) as TopUpMethod,
    status: text(row.status) as TopUpStatus,
    initiatedBy: text(row.initiated_by),
    initiatedAt: text(row.initiated_at),
    completedAt: textOrNull(row.completed_at),
    failureReason: textOrNull(row.failure_reason),
  };
}

/**
 * Top-ups still pending more than `olderThanSeconds` after they were initiated, oldest
 * first: payments the gateway never reported on. The cutoff is an ISO instant compared
 * as text, which orders correctly because every stored instant is canonical UTC.
 */
export async function stalePendingTopUps(
  reader: ReadModelReader,
  options: { readonly now: Date; readonly olderThanSeconds: number },
): Promise<StaleTopUp[]> {
  const cutoff = new Date(options.now.getTime() - options.olderThanSeconds * 1000).toISOString();
  const rows = await reader.query(
    `SELECT * FROM ${opsTable(OPS_TOP_UPS)} WHERE status = 'pending' AND initiated_at < ? ` +
      `ORDER BY initiated_at, account_id, top_up_id`,
    [cutoff],
  );
  return rows
    .map(toTopUp)
    .map((t) => ({ ...t, ageSeconds: ageSeconds(t.initiatedAt, options.now) }));
}
