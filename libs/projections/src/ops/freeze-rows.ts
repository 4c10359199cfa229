import { sqlPerTable, tableOf } from '../projection';
import type { OpsHandlers } from './ops-handlers';
import { OPS_FREEZES } from './ops-tables';

// DO NOTHING: a reason already active keeps its first `since`, as the machine does.
const applySql = sqlPerTable(
  (table) =>
    `INSERT INTO ${table} (account_id, reason, since, frozen_by, note) ` +
    `VALUES (?, ?, ?, ?, ?) ON CONFLICT (account_id, reason) DO NOTHING`,
);
const liftSql = sqlPerTable((table) => `DELETE FROM ${table} WHERE account_id = ? AND reason = ?`);

/**
 * Active freeze reasons, one row each: an account is frozen while it has a row. Rows stay
 * after closure, as the reasons stay in the account's state.
 */
export const freezeRows: OpsHandlers<'FreezeApplied' | 'FreezeLifted'> = {
  FreezeApplied: (ctx, d) => [
    {
      sql: applySql(tableOf(ctx.tables, OPS_FREEZES)),
      params: [ctx.accountId, d.reason, d.at, d.by, d.note],
    },
  ],
  FreezeLifted: (ctx, d) => [
    {
      sql: liftSql(tableOf(ctx.tables, OPS_FREEZES)),
      params: [ctx.accountId, d.reason],
    },
  ],
};
