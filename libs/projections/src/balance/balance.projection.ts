import type { RecordedEvent, SqlStatement } from '@account-ops/event-store';
import { sqlPerTable, tableOf, type Projection, type TableNames } from '../projection';
import { readAccountEvent } from '../shared/account-event';
import { balanceDelta } from './balance-delta';
import { balancePage } from './balance-fold';
import { BALANCE_ACCOUNTS, BALANCE_TABLES } from './balance-table';

const openSql = sqlPerTable(
  (table) =>
    `INSERT INTO ${table} (account_id, currency, available, held, pending_in, last_version, updated_at) ` +
    `VALUES (?, ?, 0, 0, 0, ?, ?) ON CONFLICT (account_id) DO NOTHING`,
);

const moveSql = sqlPerTable(
  (table) =>
    `UPDATE ${table} SET available = available + ?, held = held + ?, pending_in = pending_in + ?, ` +
    `last_version = ?, updated_at = ? WHERE account_id = ?`,
);

function apply(recorded: RecordedEvent, tables: TableNames): readonly SqlStatement[] {
  const read = readAccountEvent(recorded);
  if (!read) return [];
  const table = tableOf(tables, BALANCE_ACCOUNTS);
  const { accountId, event, at } = read;
  if (event?.type === 'AccountOpened') {
    // DO NOTHING: evolve ignores a second opening, so the first row stands.
    return [
      {
        sql: openSql(table),
        params: [accountId, event.data.currency, recorded.version, at],
      },
    ];
  }
  // Every other event, money or not, advances last_version: the row says how far it is.
  // Increments, never values read in JS: apply sees one event, and the database the row.
  const d = event ? balanceDelta(event) : { available: 0, held: 0, pendingIn: 0 };
  return [
    {
      sql: moveSql(table),
      params: [d.available, d.held, d.pendingIn, recorded.version, at, accountId],
    },
  ];
}

/**
 * `balance`: per account `available`, `held`, `pendingIn`, currency and the last stream
 * version applied; totals per currency are summed by {@link balanceTotals}.
 */
export const balanceProjection: Projection = {
  name: 'balance',
  version: 1,
  tables: BALANCE_TABLES,
  apply,
  applyPage: balancePage,
};
