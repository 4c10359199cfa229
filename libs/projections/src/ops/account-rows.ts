import { lifecycleMachine } from '@account-ops/accounts';
import type { SqlStatement } from '@account-ops/event-store';
import { sqlPerTable, tableOf } from '../projection';
import type { OpsContext, OpsHandlers } from './ops-handlers';
import { OPS_ACCOUNTS } from './ops-tables';
import { assign, statesAccepting, transition, type SetClause } from './status-transition';

/** Moves an account's row as evolve-account moves the lifecycle machine. */
function step(
  ctx: OpsContext,
  at: string,
  machineEvent: string,
  to: string,
  sets: readonly SetClause[],
): SqlStatement[] {
  const from = statesAccepting(lifecycleMachine, machineEvent);
  const table = tableOf(ctx.tables, OPS_ACCOUNTS);
  const key = [['account_id', ctx.accountId]] as const;
  return [transition(table, key, from, to, [assign('updated_at', at), ...sets])];
}

// Back to active: nothing of the cancellation remains, as in evolve.
const noCancellation: SetClause[] = [
  assign('cancellation_requested_at', null),
  assign('cancellation_reason', null),
  assign('cancelled_at', null),
  assign('retention_until', null),
];

// DO NOTHING: evolve ignores a second opening.
const openSql = sqlPerTable(
  (table) =>
    `INSERT INTO ${table} (account_id, currency, status, opened_at, updated_at) ` +
    `VALUES (?, ?, 'active', ?, ?) ON CONFLICT (account_id) DO NOTHING`,
);

type LifecycleEvent =
  | 'AccountOpened'
  | 'CancellationRequested'
  | 'CancellationWithdrawn'
  | 'CancellationConfirmed'
  | 'AccountReactivated'
  | 'AccountClosed';

/**
 * The account list: lifecycle status and its dates. `retention_until` is the closing date
 * of a cancelled account; a closed account keeps it, with `closed_at`, for the record.
 */
export const accountRows: OpsHandlers<LifecycleEvent> = {
  AccountOpened: (ctx, d) => [
    {
      sql: openSql(tableOf(ctx.tables, OPS_ACCOUNTS)),
      params: [ctx.accountId, d.currency, d.at, d.at],
    },
  ],
  CancellationRequested: (ctx, d) =>
    step(ctx, d.at, 'REQUEST_CANCELLATION', 'cancellation_requested', [
      assign('cancellation_requested_at', d.at),
      assign('cancellation_reason', d.reason),
    ]),
  CancellationWithdrawn: (ctx, d) =>
    step(ctx, d.at, 'WITHDRAW_CANCELLATION', 'active', noCancellation),
  CancellationConfirmed: (ctx, d) =>
    step(ctx, d.at, 'CONFIRM_CANCELLATION', 'cancelled', [
      assign('cancelled_at', d.at),
      assign('retention_until', d.retentionUntil),
    ]),
  AccountReactivated: (ctx, d) => step(ctx, d.at, 'REACTIVATE', 'active', noCancellation),
  AccountClosed: (ctx, d) =>
    step(ctx, d.at, 'CLOSE', 'closed', [
      assign('closed_at', d.at),
      assign('retention_until', d.retentionUntil),
    ]),
};
