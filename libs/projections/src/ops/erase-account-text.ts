import type { SqlStatement } from '@account-ops/event-store';
import { tableOf } from '../projection';
import { eraseColumn } from '../shared/erased-text';
import type { OpsContext } from './ops-handlers';
import { OPS_ACCOUNTS, OPS_FREEZES, OPS_REFUNDS, OPS_TOP_UPS } from './ops-tables';

// Decision reasons people wrote; an expiry's is a code (approval_sla_expired) and stays.
const DECIDED_BY_A_PERSON = "status IN ('rejected', 'cancelled')";

const FREE_TEXT: readonly (readonly [table: string, sets: (readonly [string, string])[]])[] = [
  [
    OPS_REFUNDS,
    [
      eraseColumn('note'),
      eraseColumn('decision_reason', DECIDED_BY_A_PERSON),
      eraseColumn('payout_failure_reason'),
    ],
  ],
  [OPS_FREEZES, [eraseColumn('note')]],
  [OPS_ACCOUNTS, [eraseColumn('cancellation_reason')]],
  [OPS_TOP_UPS, [eraseColumn('failure_reason')]],
];

/**
 * On `AccountClosed`: every free-text column of the account's ops rows reads `[erased]`,
 * as the account's state does after closure (the domain's `eraseFreeText`).
 */
export function eraseAccountText(ctx: OpsContext): SqlStatement[] {
  return FREE_TEXT.map(([table, sets]) => ({
    sql:
      `UPDATE ${tableOf(ctx.tables, table)} SET ${sets.map(([sql]) => sql).join(', ')} ` +
      `WHERE account_id = ?`,
    params: [...sets.map(([, value]) => value), ctx.accountId],
  }));
}
