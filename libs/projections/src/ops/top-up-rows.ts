import { sqlPerTable, tableOf } from '../projection';
import type { EventsNamed, OpsHandlers } from './ops-handlers';
import { OPS_TOP_UPS } from './ops-tables';
import { assign, transition } from './status-transition';

const key = (accountId: string, topUpId: string) =>
  [
    ['account_id', accountId],
    ['top_up_id', topUpId],
  ] as const;

const initiateSql = sqlPerTable(
  (table) =>
    `INSERT INTO ${table} (account_id, top_up_id, amount, currency, ` +
    `method, status, initiated_by, initiated_at) VALUES (?, ?, ?, ?, ?, 'pending', ?, ?) ` +
    `ON CONFLICT (account_id, top_up_id) DO NOTHING`,
);

/** Top-ups and their outcome; only a pending one settles or fails, as in evolve. */
export const topUpRows: OpsHandlers<EventsNamed<'TopUp'>> = {
  // An account's limits are no ops row: they are on the account (GET /accounts/:id).
  TopUpLimitsSet: () => [],
  TopUpInitiated: (ctx, d) => [
    {
      sql: initiateSql(tableOf(ctx.tables, OPS_TOP_UPS)),
      params: [ctx.accountId, d.topUpId, d.amount, d.currency, d.method, d.by, d.at],
    },
  ],
  TopUpSettled: (ctx, d) => [
    transition(
      tableOf(ctx.tables, OPS_TOP_UPS),
      key(ctx.accountId, d.topUpId),
      ['pending'],
      'settled',
      [assign('completed_at', d.at)],
    ),
  ],
  TopUpFailed: (ctx, d) => [
    transition(
      tableOf(ctx.tables, OPS_TOP_UPS),
      key(ctx.accountId, d.topUpId),
      ['pending'],
      'failed',
      [assign('completed_at', d.at), assign('failure_reason', d.reason)],
    ),
  ],
};
