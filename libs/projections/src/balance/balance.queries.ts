import { liveTableNames, tableOf } from '../projection';
import type { ReadModelReader, SqlRow } from '../read-model-reader';
import { int, text } from '../shared/row-values';
import { balanceProjection } from './balance.projection';
import { BALANCE_ACCOUNTS } from './balance-table';

/** One account's balance as the read model holds it (minor units). */
export interface AccountBalance {
  readonly accountId: string;
  readonly currency: string;
  readonly available: number;
  readonly held: number;
  readonly pendingIn: number;
  /** The stream version of the last event applied to this row. */
  readonly lastVersion: number;
  /** The instant of that event. */
  readonly updatedAt: string;
}

/** Sums over every account of one currency, closed accounts included. */
export interface CurrencyTotals {
  readonly currency: string;
  readonly accounts: number;
  readonly available: number;
  readonly held: number;
  readonly pendingIn: number;
}

const table = (): string => tableOf(liveTableNames(balanceProjection), BALANCE_ACCOUNTS);

function toBalance(row: SqlRow): AccountBalance {
  return {
    accountId: text(row.account_id),
    currency: text(row.currency),
    available: int(row.available),
    held: int(row.held),
    pendingIn: int(row.pending_in),
    lastVersion: int(row.last_version),
    updatedAt: text(row.updated_at),
  };
}

/** The balance of one account, or undefined when the read model has not seen it opened. */
export async function getBalance(
  reader: ReadModelReader,
  accountId: string,
): Promise<AccountBalance | undefined> {
  const rows = await reader.query(
    `SELECT account_id, currency, available, held, pending_in, last_version, updated_at ` +
      `FROM ${table()} WHERE account_id = ?`,
    [accountId],
  );
  return rows[0] && toBalance(rows[0]);
}

/** Totals per currency, ordered by currency code. */
export async function balanceTotals(reader: ReadModelReader): Promise<CurrencyTotals[]> {
  const rows = await reader.query(
    `SELECT currency, COUNT(*) AS accounts, SUM(available) AS available, SUM(held) AS held, ` +
      `SUM(pending_in) AS pending_in FROM ${table()} GROUP BY currency ORDER BY currency`,
  );
  return rows.map((row) => ({
    currency: text(row.currency),
    accounts: int(row.accounts),
    available: int(row.available),
    held: int(row.held),
    pendingIn: int(row.pending_in),
  }));
}
