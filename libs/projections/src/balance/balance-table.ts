import type { TableDefinition } from '../projection';

/** Logical name of the one balance table. */
export const BALANCE_ACCOUNTS = 'balance_accounts';

/**
 * One row per account. There is deliberately no totals table: a per-currency row would be
 * a hot row that every append to any account of that currency locks; totals are summed
 * at query time from the currency index instead.
 */
export const BALANCE_TABLES: readonly TableDefinition[] = [
  {
    name: BALANCE_ACCOUNTS,
    columns: [
      'account_id TEXT PRIMARY KEY',
      'currency TEXT NOT NULL',
      'available BIGINT NOT NULL',
      'held BIGINT NOT NULL',
      'pending_in BIGINT NOT NULL',
      'last_version BIGINT NOT NULL',
      'updated_at TEXT NOT NULL',
    ].join(', '),
    indexes: [{ name: 'currency', columns: 'currency' }],
  },
];
