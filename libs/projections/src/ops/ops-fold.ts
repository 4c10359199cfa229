import type { DomainEvent, EventOf } from '@account-ops/accounts';
import type { RecordedEvent, SqlStatement, SqlValue } from '@account-ops/event-store';
import { sqlPerTable, tableOf, type TableNames } from '../projection';
import { readAccountEvent, type AccountEvent } from '../shared/account-event';
import { OPS_TOP_UPS } from './ops-tables';

type TopUpEnd = EventOf<'TopUpSettled'> | EventOf<'TopUpFailed'>;

/** A top-up initiated in the page: the row it starts, and how it ended in the page if it did. */
interface FoldedTopUp {
  /** Index of the initiation in the page: where the folded statement goes. */
  readonly at: number;
  readonly start: EventOf<'TopUpInitiated'>;
  /** The first settlement or failure after the initiation (later ones change nothing). */
  end: TopUpEnd | undefined;
}

const COLUMNS =
  'account_id, top_up_id, amount, currency, method, status, initiated_by, initiated_at, ' +
  'completed_at, failure_reason';
const KEY = '(account_id, top_up_id)';

const insertSql = sqlPerTable(
  (table) =>
    `INSERT INTO ${table} (${COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ` +
    `ON CONFLICT ${KEY} DO NOTHING`,
);

/**
 * The end applied to a row that was already there (a second initiation with the same id,
 * which `apply` ignores): the settlement's or failure's guarded UPDATE, as CASEs on the
 * old row's status (the old row's columns by the table's name, as PostgreSQL wants).
 */
const pending = (t: string, column: string) =>
  `${column} = CASE WHEN ${t}.status = 'pending' THEN ? ELSE ${t}.${column} END`;
const settledUpsertSql = sqlPerTable(
  (t) =>
    `INSERT INTO ${t} (${COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ` +
    `ON CONFLICT ${KEY} DO UPDATE SET ${pending(t, 'status')}, ${pending(t, 'completed_at')}`,
);
const failedUpsertSql = sqlPerTable(
  (t) => `${settledUpsertSql(t)}, ${pending(t, 'failure_reason')}`,
);

type TopUpRowEvent = EventOf<'TopUpInitiated'> | TopUpEnd;
const isTopUpRow = (event: DomainEvent): event is TopUpRowEvent =>
  event.type === 'TopUpInitiated' || event.type === 'TopUpSettled' || event.type === 'TopUpFailed';

const keyOf = (accountId: string, topUpId: string) => `${accountId}\u0000${topUpId}`;

/**
 * Which top-ups of the page fold into one statement: those whose first event in the page
 * is their initiation, with no closure of their account after it in the page (erasing
 * the failure reason is then left to the event-by-event statements).
 */
function foldable(reads: readonly (AccountEvent | undefined)[]): Map<string, FoldedTopUp> {
  const folded = new Map<string, FoldedTopUp>();
  const seen = new Set<string>();
  const closedAt = new Map<string, number>();
  reads.forEach((read, i) => {
    const event = read?.event;
    if (!read || !event) return;
    if (event.type === 'AccountClosed') closedAt.set(read.accountId, i);
    if (!isTopUpRow(event)) return;
    const key = keyOf(read.accountId, event.data.topUpId);
    const top = folded.get(key);
    if (!seen.has(key) && event.type === 'TopUpInitiated') {
      folded.set(key, { at: i, start: event, end: undefined });
    } else if (top && event.type !== 'TopUpInitiated') {
      top.end ??= event;
    }
    seen.add(key);
  });
  for (const [key, top] of folded) {
    const closed = closedAt.get(key.slice(0, key.indexOf('\u0000')));
    if (closed !== undefined && closed > top.at) folded.delete(key);
  }
  return folded;
}

/** The one statement of a folded top-up: its final row, or the end applied to an older row. */
function foldedStatement(table: string, accountId: string, top: FoldedTopUp): SqlStatement {
  const { start, end } = top;
  const d = start.data;
  const status = end ? (end.type === 'TopUpSettled' ? 'settled' : 'failed') : 'pending';
  const reason = end?.type === 'TopUpFailed' ? end.data.reason : null;
  const row: SqlValue[] = [
    accountId,
    d.topUpId,
    d.amount,
    d.currency,
    d.method,
    status,
    d.by,
    d.at,
    end ? end.data.at : null,
    reason,
  ];
  if (!end) return { sql: insertSql(table), params: row };
  return end.type === 'TopUpSettled'
    ? { sql: settledUpsertSql(table), params: [...row, status, end.data.at] }
    : { sql: failedUpsertSql(table), params: [...row, status, end.data.at, reason] };
}

/**
 * The ops projection's batch fold. A top-up initiated in the page is written once: one
 * INSERT of its final row (pending, settled or failed), an upsert when the page also ends
 * it (a row already there, from a second initiation with the same id, then takes the end
 * as `apply`'s guarded UPDATE would). Every other event's rows are `apply`'s own, in
 * order: refunds, freezes and the account list change over days and rarely twice in a
 * page, and a freeze's DELETE or a closure's erasure after an initiation would need the
 * rows that were there before the page.
 */
export function opsPage(
  events: readonly RecordedEvent[],
  tables: TableNames,
  apply: (event: RecordedEvent, tables: TableNames) => readonly SqlStatement[],
): SqlStatement[] {
  const reads = events.map(readAccountEvent);
  const folded = foldable(reads);
  const table = tableOf(tables, OPS_TOP_UPS);
  const statements: SqlStatement[] = [];
  events.forEach((recorded, i) => {
    const read = reads[i];
    const event = read?.event;
    if (read && event && isTopUpRow(event)) {
      const top = folded.get(keyOf(read.accountId, event.data.topUpId));
      if (top) {
        if (top.at === i) statements.push(foldedStatement(table, read.accountId, top));
        return;
      }
    }
    for (const statement of apply(recorded, tables)) statements.push(statement);
  });
  return statements;
}
