import type { DomainEvent, EventType } from '@account-ops/accounts';
import type { RecordedEvent, SqlStatement } from '@account-ops/event-store';
import type { Projection, TableNames } from '../projection';
import { readAccountEvent } from '../shared/account-event';
import { accountRows } from './account-rows';
import { eraseAccountText } from './erase-account-text';
import { freezeRows } from './freeze-rows';
import type { OpsContext, OpsHandlers } from './ops-handlers';
import { opsPage } from './ops-fold';
import { OPS_TABLES } from './ops-tables';
import { refundRows } from './refund-rows';
import { topUpRows } from './top-up-rows';

const HANDLERS: Partial<OpsHandlers<EventType>> = {
  ...accountRows,
  ...topUpRows,
  ...refundRows,
  ...freezeRows,
};

type Handler = (ctx: OpsContext, data: DomainEvent['data']) => SqlStatement[];

function apply(recorded: RecordedEvent, tables: TableNames): readonly SqlStatement[] {
  const read = readAccountEvent(recorded);
  if (!read?.event) return [];
  const { type, data } = read.event;
  const handler = Object.hasOwn(HANDLERS, type) ? (HANDLERS[type] as Handler) : undefined;
  const ctx: OpsContext = { accountId: read.accountId, tables };
  const statements = handler ? handler(ctx, data) : [];
  return type === 'AccountClosed' ? [...statements, ...eraseAccountText(ctx)] : statements;
}

/**
 * `ops`: what back-office staff work from — the refund queue, active freezes, the
 * accounts' lifecycle (retention window and closing date) and top-ups by status. Free
 * text is copied as stored (sealed with the account's data key: `openOpsText` opens it
 * for reading) and reads `[erased]` once the account is closed.
 */
export const opsProjection: Projection = {
  name: 'ops',
  // 2: free text erased at closure (a rebuild at start-up erases what version 1 kept).
  version: 2,
  tables: OPS_TABLES,
  apply,
  applyPage: (events, tables) => opsPage(events, tables, apply),
};
