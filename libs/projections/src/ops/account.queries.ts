import type { AccountStatus, FreezeReason } from '@account-ops/accounts';
import type { ReadModelReader, SqlRow } from '../read-model-reader';
import { text, textOrNull } from '../shared/row-values';
import { Where } from '../shared/where';
import { opsTable } from './ops-table-names';
import { OPS_ACCOUNTS, OPS_FREEZES } from './ops-tables';

/** An account's lifecycle as the ops list shows it. */
export interface AccountView {
  readonly accountId: string;
  readonly currency: string;
  readonly status: Exclude<AccountStatus, 'unopened'>;
  readonly frozen: boolean;
  /** Active freeze reasons, oldest first. */
  readonly freezeReasons: FreezeReason[];
  readonly openedAt: string;
  readonly cancellationRequestedAt: string | null;
  readonly cancellationReason: string | null;
  readonly cancelledAt: string | null;
  /** The closing date while cancelled; kept after closure. */
  readonly retentionUntil: string | null;
  readonly closedAt: string | null;
  readonly updatedAt: string;
}

/** One active freeze reason: since when, by whom, why. */
export interface FreezeView {
  readonly reason: FreezeReason;
  readonly since: string;
  readonly by: string;
  readonly note: string | null;
}

/** A frozen account with every reason that keeps it frozen. */
export interface FrozenAccount {
  readonly accountId: string;
  /** Null only if the account's opening has not been projected (it always precedes). */
  readonly currency: string | null;
  readonly status: AccountView['status'] | null;
  /** When the oldest active reason was applied. */
  readonly frozenSince: string;
  readonly reasons: FreezeView[];
}

/** A cancelled account in its retention window. */
export interface AccountInRetention {
  readonly accountId: string;
  readonly currency: string;
  readonly cancelledAt: string | null;
  readonly cancellationReason: string | null;
  /** The closing date: when the retention window ends and the account is closed. */
  readonly closesAt: string;
}

/** Groups joined rows by account, keeping first-seen order. */
function byAccount(rows: readonly SqlRow[]): SqlRow[][] {
  const groups = new Map<string, SqlRow[]>();
  for (const row of rows) {
    const id = text(row.account_id);
    groups.set(id, [...(groups.get(id) ?? []), row]);
  }
  return [...groups.values()];
}

function toAccount(rows: SqlRow[]): AccountView {
  const row = rows[0] as SqlRow;
  const freezeReasons = rows.flatMap((r) =>
    r.freeze_reason === null || r.freeze_reason === undefined
      ? []
      : [text(r.freeze_reason) as FreezeReason],
  );
  return {
    accountId: text(row.account_id),
    currency: text(row.currency),
    status: text(row.status) as AccountView['status'],
    frozen: freezeReasons.length > 0,
    freezeReasons,
    openedAt: text(row.opened_at),
    cancellationRequestedAt: textOrNull(row.cancellation_requested_at),
    cancellationReason: textOrNull(row.cancellation_reason),
    cancelledAt: textOrNull(row.cancelled_at),
    retentionUntil: textOrNull(row.retention_until),
    closedAt: textOrNull(row.closed_at),
    updatedAt: text(row.updated_at),
  };
}

/**
 * Accounts by id, optionally of one lifecycle status and/or frozen for one reason (the
 * account is listed with all its reasons, not only that one).
 */
export async function listAccounts(
  reader: ReadModelReader,
  filter: { readonly status?: AccountView['status']; readonly freezeReason?: FreezeReason } = {},
): Promise<AccountView[]> {
  const freezes = opsTable(OPS_FREEZES);
  const where = new Where().equals('a.status', filter.status);
  if (filter.freezeReason !== undefined) {
    where.and(
      `EXISTS (SELECT 1 FROM ${freezes} x WHERE x.account_id = a.account_id AND x.reason = ?)`,
      filter.freezeReason,
    );
  }
  const rows = await reader.query(
    `SELECT a.*, f.reason AS freeze_reason FROM ${opsTable(OPS_ACCOUNTS)} a ` +
      `LEFT JOIN ${freezes} f ON f.account_id = a.account_id${where.sql} ` +
      `ORDER BY a.account_id, f.since, f.reason`,
    where.params,
  );
  return byAccount(rows).map(toAccount);
}

/** Frozen accounts, longest frozen first, each with its reasons and since when. */
export async function frozenAccounts(reader: ReadModelReader): Promise<FrozenAccount[]> {
  const rows = await reader.query(
    `SELECT f.account_id, f.reason, f.since, f.frozen_by, f.note, a.currency, a.status ` +
      `FROM ${opsTable(OPS_FREEZES)} f LEFT JOIN ${opsTable(OPS_ACCOUNTS)} a ` +
      `ON a.account_id = f.account_id ORDER BY f.account_id, f.since, f.reason`,
  );
  const accounts = byAccount(rows).map((group): FrozenAccount => {
    const first = group[0] as SqlRow;
    const reasons = group.map((r) => ({
      reason: text(r.reason) as FreezeReason,
      since: text(r.since),
      by: text(r.frozen_by),
      note: textOrNull(r.note),
    }));
    return {
      accountId: text(first.account_id),
      currency: textOrNull(first.currency),
      status: textOrNull(first.status) as FrozenAccount['status'],
      frozenSince: (reasons[0] as FreezeView).since,
      reasons,
    };
  });
  return accounts.sort(
    (a, b) => a.frozenSince.localeCompare(b.frozenSince) || a.accountId.localeCompare(b.accountId),
  );
}

/** Cancelled accounts still in the retention window, the soonest to close first. */
export async function accountsInRetention(reader: ReadModelReader): Promise<AccountInRetention[]> {
  const rows = await reader.query(
    `SELECT account_id, currency, cancelled_at, cancellation_reason, retention_until ` +
      `FROM ${opsTable(OPS_ACCOUNTS)} WHERE status = 'cancelled' ORDER BY retention_until, account_id`,
  );
  return rows.map((row) => ({
    accountId: text(row.account_id),
    currency: text(row.currency),
    cancelledAt: textOrNull(row.cancelled_at),
    cancellationReason: textOrNull(row.cancellation_reason),
    closesAt: text(row.retention_until),
  }));
}
