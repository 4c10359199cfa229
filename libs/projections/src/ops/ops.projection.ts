import type { DomainEvent, EventType } from '@account-ops/accounts';
import type { RecordedEvent, SqlStatement } from '@account-ops/event-store';
import type { Projection, TableNames } from '../projection';
import { readAccountEvent } from '../shared/account-event';
import { accountRows } from './account-rows';
import { freezeRows } from './freeze-rows';
import type { OpsContext, OpsHandlers } from './ops-handlers';
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
  return handler ? handler({ accountId: read.accountId, tables }, data) : [];
}

/**
 * `ops`: what back-office staff work from — the refund queue, active freezes, the
 * accounts' lifecycle (retention window and closing date) and top-ups by status.
 */
export const opsProjection: Projection = {
  name: 'ops',
  version: 1,
  tables: OPS_TABLES,
  apply,
};
