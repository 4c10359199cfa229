import { tableOf } from '../projection';
import type { OpsHandlers } from './ops-handlers';
import { OPS_FREEZES } from './ops-tables';

/**
 * Active freeze reasons, one row each: an account is frozen while it has a row. Rows stay
 * after closure, as the reasons stay in the account's state.
 */
export const freezeRows: OpsHandlers<'FreezeApplied' | 'FreezeLifted'> = {
  FreezeApplied: (ctx, d) => [
    {
      // DO NOTHING: a reason already active keeps its first `since`, as the machine does.
      sql:
        `INSERT INTO ${tableOf(ctx.tables, OPS_FREEZES)} (account_id, reason, since, frozen_by, note) ` +
        `VALUES (?, ?, ?, ?, ?) ON CONFLICT (account_id, reason) DO NOTHING`,
      params: [ctx.accountId, d.reason, d.at, d.by, d.note],
    },
  ],
  FreezeLifted: (ctx, d) => [
    {
      sql: `DELETE FROM ${tableOf(ctx.tables, OPS_FREEZES)} WHERE account_id = ? AND reason = ?`,
      params: [ctx.accountId, d.reason],
    },
  ],
};
