import type { RecordedEvent, SqlStatement, SqlValue } from '@account-ops/event-store';
import { sqlPerTable, tableOf, type Projection, type TableNames } from '../projection';
import { accountIdOf, instantOf } from '../shared/account-event';
import { auditFields } from './audit-fields';
import { AUDIT_EVENTS, AUDIT_TABLES } from './audit-table';

const COLUMNS = [
  'event_id',
  'position_commit',
  'position_prepare',
  'occurred_at',
  'stream_id',
  'account_id',
  'stream_version',
  'event_type',
  'actor_id',
  'actor_roles',
  'subject_id',
  'amount',
  'currency',
  'reason',
  'note',
  'card_last4',
  'correlation_id',
  'causation_id',
];

// DO NOTHING: an event already recorded (at its position) is the same event; its row
// never changes.
const ON_CONFLICT = ' ON CONFLICT (position_commit, position_prepare) DO NOTHING';

const insertSql = sqlPerTable(
  (table) =>
    `INSERT INTO ${table} (${COLUMNS.join(', ')}) ` +
    `VALUES (${COLUMNS.map(() => '?').join(', ')})${ON_CONFLICT}`,
);

/** The audit row of one event, its values in {@link COLUMNS} order. */
function auditRow(event: RecordedEvent): SqlValue[] {
  const f = auditFields(event.type, event.data);
  const { actor, correlationId, causationId } = event.metadata;
  return [
    event.eventId,
    event.globalPosition.commit,
    event.globalPosition.prepare,
    instantOf(event),
    event.streamId,
    accountIdOf(event) ?? null,
    event.version,
    event.type,
    actor.id,
    actor.roles.join(','),
    f.subjectId,
    f.amount,
    f.currency,
    f.reason,
    f.note,
    f.cardLast4,
    correlationId,
    causationId,
  ];
}

function apply(event: RecordedEvent, tables: TableNames): readonly SqlStatement[] {
  return [{ sql: insertSql(tableOf(tables, AUDIT_EVENTS)), params: auditRow(event) }];
}

/** Rows per INSERT of a page: 18 × 128 values stay far below either database's limit. */
const ROWS_PER_INSERT = 128;

const pageInsertSql = sqlPerTable(
  (table) =>
    `INSERT INTO ${table} (${COLUMNS.join(', ')}) VALUES ` +
    Array(ROWS_PER_INSERT)
      .fill(`(${COLUMNS.map(() => '?').join(', ')})`)
      .join(', ') +
    ON_CONFLICT,
);

/**
 * The batch fold: each event is its own row, written once as `apply` writes it, so a page
 * is its rows in order, {@link ROWS_PER_INSERT} to an INSERT (the rest one by one: two
 * statement texts per table for the runners to prepare).
 */
function applyPage(events: readonly RecordedEvent[], tables: TableNames): SqlStatement[] {
  const table = tableOf(tables, AUDIT_EVENTS);
  const statements: SqlStatement[] = [];
  let i = 0;
  for (; i + ROWS_PER_INSERT <= events.length; i += ROWS_PER_INSERT) {
    const params: SqlValue[] = [];
    for (let k = i; k < i + ROWS_PER_INSERT; k++) {
      for (const value of auditRow(events[k]!)) params.push(value);
    }
    statements.push({ sql: pageInsertSql(table), params });
  }
  for (; i < events.length; i++) {
    statements.push({ sql: insertSql(table), params: auditRow(events[i]!) });
  }
  return statements;
}

/**
 * `audit`: every stored event flattened into one row — when, who (actor id and roles),
 * what (type, subject, amount, reason, note), which account, and the correlation that
 * ties a request's events together. Events of other streams are kept too, without an
 * account. Notes and free-text reasons are copied as stored: sealed with the account's
 * data key, so after closure they are ciphertext no key opens (`openAuditText` reads them).
 * They are not rewritten at closure: that UPDATE by account would scan the whole table
 * while a rebuild loads it without secondary indexes, once per closed account.
 */
export const auditProjection: Projection = {
  name: 'audit',
  // 2: keyed by position instead of event id (stored version 1 tables are rebuilt).
  version: 2,
  tables: AUDIT_TABLES,
  apply,
  applyPage,
};
