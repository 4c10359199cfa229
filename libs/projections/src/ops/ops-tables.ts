import type { TableDefinition } from '../projection';

/** Logical names of the ops tables. */
export const OPS_REFUNDS = 'ops_refunds';
export const OPS_FREEZES = 'ops_freezes';
export const OPS_ACCOUNTS = 'ops_accounts';
export const OPS_TOP_UPS = 'ops_top_ups';

const columns = (...list: string[]): string => list.join(', ');

/**
 * The operations views. Lists (approvers) are comma-joined TEXT, since ids never contain
 * commas and neither database shares a JSON or array type with the other.
 */
export const OPS_TABLES: readonly TableDefinition[] = [
  {
    name: OPS_REFUNDS,
    columns: columns(
      'account_id TEXT NOT NULL',
      'refund_id TEXT NOT NULL',
      'amount BIGINT NOT NULL',
      'currency TEXT NOT NULL',
      'reason TEXT NOT NULL',
      'note TEXT',
      'status TEXT NOT NULL',
      'requested_by TEXT NOT NULL',
      'requested_at TEXT NOT NULL',
      'approvals_required INTEGER NOT NULL',
      'approvals INTEGER NOT NULL',
      'approved_by TEXT',
      'approval_deadline TEXT NOT NULL',
      'decided_by TEXT',
      'decision_reason TEXT',
      'payout_attempts INTEGER NOT NULL',
      'payout_failure_reason TEXT',
      'updated_at TEXT NOT NULL',
      'PRIMARY KEY (account_id, refund_id)',
    ),
    indexes: [{ name: 'status', columns: 'status, requested_at' }],
  },
  {
    name: OPS_FREEZES,
    columns: columns(
      'account_id TEXT NOT NULL',
      'reason TEXT NOT NULL',
      'since TEXT NOT NULL',
      'frozen_by TEXT NOT NULL',
      'note TEXT',
      'PRIMARY KEY (account_id, reason)',
    ),
    indexes: [{ name: 'reason', columns: 'reason' }],
  },
  {
    name: OPS_ACCOUNTS,
    columns: columns(
      'account_id TEXT PRIMARY KEY',
      'currency TEXT NOT NULL',
      'status TEXT NOT NULL',
      'opened_at TEXT NOT NULL',
      'cancellation_requested_at TEXT',
      'cancellation_reason TEXT',
      'cancelled_at TEXT',
      'retention_until TEXT',
      'closed_at TEXT',
      // The last lifecycle change; the balance row tracks the account's last event of any kind.
      'updated_at TEXT NOT NULL',
    ),
    indexes: [{ name: 'status', columns: 'status, retention_until' }],
  },
  {
    name: OPS_TOP_UPS,
    columns: columns(
      'account_id TEXT NOT NULL',
      'top_up_id TEXT NOT NULL',
      'amount BIGINT NOT NULL',
      'currency TEXT NOT NULL',
      'method TEXT NOT NULL',
      'status TEXT NOT NULL',
      'initiated_by TEXT NOT NULL',
      'initiated_at TEXT NOT NULL',
      'completed_at TEXT',
      'failure_reason TEXT',
      'PRIMARY KEY (account_id, top_up_id)',
    ),
    indexes: [{ name: 'status', columns: 'status, initiated_at' }],
  },
];
