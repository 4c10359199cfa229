import type { RecordedEvent, SqlStatement } from '@account-ops/event-store';
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

// DO NOTHING: an event already recorded is the same event; its row never changes.
const insertSql = sqlPerTable(
  (table) =>
    `INSERT INTO ${table} (${COLUMNS.join(', ')}) ` +
    `VALUES (${COLUMNS.map(() => '?').join(', ')}) ON CONFLICT (event_id) DO NOTHING`,
);

function apply(event: RecordedEvent, tables: TableNames): readonly SqlStatement[] {
  const f = auditFields(event.type, event.data);
  const { actor, correlationId, causationId } = event.metadata;
  return [
    {
      sql: insertSql(tableOf(tables, AUDIT_EVENTS)),
      params: [
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
      ],
    },
  ];
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
  version: 1,
  tables: AUDIT_TABLES,
  apply,
};
