import type { Position } from '@account-ops/event-store';
import { liveTableNames, tableOf } from '../projection';
import type { ReadModelReader, SqlRow } from '../read-model-reader';
import { int, intOrNull, list, positionOf, text, textOrNull } from '../shared/row-values';
import { Where } from '../shared/where';
import { auditProjection } from './audit.projection';
import { AUDIT_EVENTS } from './audit-table';

/** One audit row. */
export interface AuditEntry {
  readonly eventId: string;
  readonly position: Position;
  readonly occurredAt: string;
  readonly streamId: string;
  /** Null for an event outside the account streams. */
  readonly accountId: string | null;
  readonly streamVersion: number;
  readonly type: string;
  readonly actorId: string;
  readonly actorRoles: string[];
  readonly subjectId: string | null;
  readonly amount: number | null;
  readonly currency: string | null;
  readonly reason: string | null;
  readonly note: string | null;
  readonly cardLast4: string | null;
  readonly correlationId: string;
  readonly causationId: string;
}

/** Filters of {@link listAudit}; all optional, combined with AND. */
export interface AuditQuery {
  readonly accountId?: string;
  readonly actorId?: string;
  readonly type?: string;
  /** Inclusive lower bound on `occurredAt` (ISO-8601, compared as text). */
  readonly from?: string;
  /** Exclusive upper bound on `occurredAt`. */
  readonly to?: string;
  /** Exclusive: the page starts after this position (a previous page's `nextAfter`). */
  readonly after?: Position;
  /** 1–1000; defaults to 100. */
  readonly limit?: number;
}

export interface AuditPage {
  readonly items: AuditEntry[];
  /** Pass as `after` for the next page; null when this page is the last. */
  readonly nextAfter: Position | null;
}

export const AUDIT_DEFAULT_LIMIT = 100;
export const AUDIT_MAX_LIMIT = 1000;

/** The limit brought into 1..max; a non-integer or missing one gives the default. */
function pageSize(limit: number | undefined): number {
  if (limit === undefined || !Number.isFinite(limit)) return AUDIT_DEFAULT_LIMIT;
  return Math.min(AUDIT_MAX_LIMIT, Math.max(1, Math.floor(limit)));
}

function toEntry(row: SqlRow): AuditEntry {
  return {
    eventId: text(row.event_id),
    position: positionOf(row.position_commit, row.position_prepare),
    occurredAt: text(row.occurred_at),
    streamId: text(row.stream_id),
    accountId: textOrNull(row.account_id),
    streamVersion: int(row.stream_version),
    type: text(row.event_type),
    actorId: text(row.actor_id),
    actorRoles: list(row.actor_roles),
    subjectId: textOrNull(row.subject_id),
    amount: intOrNull(row.amount),
    currency: textOrNull(row.currency),
    reason: textOrNull(row.reason),
    note: textOrNull(row.note),
    cardLast4: textOrNull(row.card_last4),
    correlationId: text(row.correlation_id),
    causationId: text(row.causation_id),
  };
}

/**
 * Audit rows in global order, filtered, one page at a time. Pages by position rather than
 * offset, so rows appended while someone pages never shift or repeat a page.
 */
export async function listAudit(
  reader: ReadModelReader,
  query: AuditQuery = {},
): Promise<AuditPage> {
  const where = new Where()
    .equals('account_id', query.accountId)
    .equals('actor_id', query.actorId)
    .equals('event_type', query.type);
  if (query.from !== undefined) where.and('occurred_at >= ?', query.from);
  if (query.to !== undefined) where.and('occurred_at < ?', query.to);
  if (query.after !== undefined) {
    where.and(
      '(position_commit, position_prepare) > (?, ?)',
      query.after.commit,
      query.after.prepare,
    );
  }
  const limit = pageSize(query.limit);
  // One row more than asked tells whether another page exists without a COUNT.
  const rows = await reader.query(
    `SELECT * FROM ${tableOf(liveTableNames(auditProjection), AUDIT_EVENTS)}${where.sql} ` +
      `ORDER BY position_commit, position_prepare LIMIT ?`,
    [...where.params, limit + 1],
  );
  const items = rows.slice(0, limit).map(toEntry);
  const last = items[items.length - 1];
  return { items, nextAfter: rows.length > limit && last ? last.position : null };
}
