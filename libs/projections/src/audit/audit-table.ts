import type { TableDefinition } from '../projection';

/** Logical name of the audit table: one row per stored event. */
export const AUDIT_EVENTS = 'audit_events';

// Each filter's index ends with the position, so a filtered page is one index range scan.
const BY_POSITION = 'position_commit, position_prepare';

export const AUDIT_TABLES: readonly TableDefinition[] = [
  {
    name: AUDIT_EVENTS,
    columns: [
      'event_id TEXT NOT NULL',
      'position_commit BIGINT NOT NULL',
      'position_prepare BIGINT NOT NULL',
      'occurred_at TEXT NOT NULL',
      'stream_id TEXT NOT NULL',
      'account_id TEXT',
      'stream_version BIGINT NOT NULL',
      'event_type TEXT NOT NULL',
      'actor_id TEXT NOT NULL',
      'actor_roles TEXT NOT NULL',
      'subject_id TEXT',
      'amount BIGINT',
      'currency TEXT',
      'reason TEXT',
      'note TEXT',
      'card_last4 TEXT',
      'correlation_id TEXT NOT NULL',
      'causation_id TEXT NOT NULL',
      // The position is the key: one row per stored event, in the order pages are read.
      // Keyed by event id, the table also needed an index by position for those pages,
      // and every event wrote one B-tree more (a page more per inline group commit).
      `PRIMARY KEY (${BY_POSITION})`,
    ].join(', '),
    indexes: [
      { name: 'account', columns: `account_id, ${BY_POSITION}` },
      { name: 'actor', columns: `actor_id, ${BY_POSITION}` },
      { name: 'type', columns: `event_type, ${BY_POSITION}` },
      { name: 'occurred', columns: 'occurred_at' },
    ],
  },
];
