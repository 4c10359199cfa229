import type { RecordedEvent, SqlStatement } from '@account-ops/event-store';
import { sqlPerTable, tableOf, type TableNames } from '../projection';
import { readAccountEvent } from '../shared/account-event';
import { balanceDelta } from './balance-delta';
import { BALANCE_ACCOUNTS } from './balance-table';

/** Increments and the last event they came with. */
interface Moves {
  available: number;
  held: number;
  pendingIn: number;
  version: number;
  at: string;
}

/**
 * One account's page, in both worlds `apply` could meet: `onExisting` is what the page
 * adds to a row that was there before it (every non-opening event moves it; openings do
 * nothing), `fromOpening` the row the page leaves when there was none (events before the
 * first opening update nothing; the first opening inserts; later ones do nothing).
 */
interface AccountPage {
  readonly accountId: string;
  onExisting: Moves | undefined;
  fromOpening: (Moves & { readonly currency: string }) | undefined;
}

const COLUMNS = 'account_id, currency, available, held, pending_in, last_version, updated_at';

const insertSql = sqlPerTable(
  (table) =>
    `INSERT INTO ${table} (${COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (account_id) DO NOTHING`,
);

const upsertSql = sqlPerTable(
  (table) =>
    `INSERT INTO ${table} (${COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (account_id) ` +
    // The old row's columns by the table's name: unqualified, PostgreSQL finds them
    // ambiguous with `excluded`'s.
    `DO UPDATE SET available = ${table}.available + ?, held = ${table}.held + ?, ` +
    `pending_in = ${table}.pending_in + ?, last_version = ?, updated_at = ?`,
);

const updateSql = sqlPerTable(
  (table) =>
    `UPDATE ${table} SET available = available + ?, held = held + ?, pending_in = pending_in + ?, ` +
    `last_version = ?, updated_at = ? WHERE account_id = ?`,
);

type Delta = ReturnType<typeof balanceDelta>;
const NO_DELTA: Delta = { available: 0, held: 0, pendingIn: 0 };

function move(moves: Moves | undefined, event: RecordedEvent, at: string, d: Delta): Moves {
  if (!moves) {
    const { available, held, pendingIn } = d;
    return { available, held, pendingIn, version: event.version, at };
  }
  moves.available += d.available;
  moves.held += d.held;
  moves.pendingIn += d.pendingIn;
  moves.version = event.version;
  moves.at = at;
  return moves;
}

/** Folds a page of events into one page record per account, in order of first appearance. */
function foldPage(events: readonly RecordedEvent[]): Map<string, AccountPage> {
  const pages = new Map<string, AccountPage>();
  for (const recorded of events) {
    const read = readAccountEvent(recorded);
    if (!read) continue;
    let page = pages.get(read.accountId);
    if (!page) {
      page = { accountId: read.accountId, onExisting: undefined, fromOpening: undefined };
      pages.set(read.accountId, page);
    }
    const { event, at } = read;
    if (event?.type === 'AccountOpened') {
      page.fromOpening ??= {
        available: 0,
        held: 0,
        pendingIn: 0,
        version: recorded.version,
        at,
        currency: event.data.currency,
      };
      continue;
    }
    const d = event ? balanceDelta(event) : NO_DELTA;
    page.onExisting = move(page.onExisting, recorded, at, d);
    if (page.fromOpening) move(page.fromOpening, recorded, at, d);
  }
  return pages;
}

/**
 * The balance projection's batch fold: one statement per account and page, where `apply`
 * writes the row once per event. An account opened in the page gets one INSERT of its
 * final row (an upsert adding the page's moves when a row may already be there: a second
 * opening); any other account one UPDATE adding the page's increments.
 */
export function balancePage(
  events: readonly RecordedEvent[],
  tables: TableNames,
): readonly SqlStatement[] {
  const table = tableOf(tables, BALANCE_ACCOUNTS);
  const statements: SqlStatement[] = [];
  for (const { accountId, onExisting: e, fromOpening: o } of foldPage(events).values()) {
    if (o) {
      const row = [accountId, o.currency, o.available, o.held, o.pendingIn, o.version, o.at];
      statements.push(
        e
          ? {
              sql: upsertSql(table),
              params: [...row, e.available, e.held, e.pendingIn, e.version, e.at],
            }
          : { sql: insertSql(table), params: row },
      );
    } else if (e) {
      statements.push({
        sql: updateSql(table),
        params: [e.available, e.held, e.pendingIn, e.version, e.at, accountId],
      });
    }
  }
  return statements;
}
