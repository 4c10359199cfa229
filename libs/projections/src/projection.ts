import type { RecordedEvent, SqlStatement } from '@account-ops/event-store';

/**
 * One read-model table, in SQL that SQLite and PostgreSQL both accept (TEXT, INTEGER,
 * BIGINT; no JSON or boolean columns). Every UPDATE or DELETE a projection issues must
 * address rows by the primary key: tables being rebuilt get their other indexes only
 * when they are swapped in.
 */
export interface TableDefinition {
  /** Logical name, unique across projections (e.g. `balance_accounts`). */
  readonly name: string;
  /** The column list with the primary key, e.g. `account_id TEXT PRIMARY KEY, …`. */
  readonly columns: string;
  /** Secondary indexes for the queries; `name` is a suffix, unique within the table. */
  readonly indexes?: readonly { readonly name: string; readonly columns: string }[];
}

/** Logical table name → the physical table to write (live, or the rebuild's shadow). */
export type TableNames = Readonly<Record<string, string>>;

/**
 * A read model: which tables it owns and how each event changes their rows. It never
 * commits or touches checkpoints: the projector runs its statements, with the new
 * checkpoint, in one transaction. `apply` is pure: same event, same statements.
 */
export interface Projection {
  readonly name: string;
  /**
   * Bump when the tables or `apply` change meaning; a stored read model of another
   * version is rebuilt from zero before it is used.
   */
  readonly version: number;
  readonly tables: readonly TableDefinition[];
  /** Statements for one event; an empty list for event types it ignores. */
  apply(event: RecordedEvent, tables: TableNames): readonly SqlStatement[];
  /**
   * Optional batch fold: statements for a whole page of events that leave every table
   * exactly as `apply`'s statements for each event in turn would, whatever rows the
   * tables held before the page, writing each row at most once (the page folded in memory
   * into one insert, update or upsert per key). Every batch goes through it: rebuilds a
   * page at a time, inline projections each group commit's events, the async projector
   * and catch-up each batch; `apply` stays the reference (a property test holds each fold
   * to it).
   * Pure, as `apply` is.
   */
  applyPage?(events: readonly RecordedEvent[], tables: TableNames): readonly SqlStatement[];
}

const LIVE_PREFIX = 'rm_';
const SHADOW_SUFFIX = '__rebuild';

/** The tables queries read and projectors keep up to date. */
export function liveTableNames(projection: Projection): TableNames {
  return Object.fromEntries(projection.tables.map((t) => [t.name, `${LIVE_PREFIX}${t.name}`]));
}

/** The tables a rebuild fills before swapping them in. */
export function shadowTableNames(projection: Projection): TableNames {
  return Object.fromEntries(
    projection.tables.map((t) => [t.name, `${LIVE_PREFIX}${t.name}${SHADOW_SUFFIX}`]),
  );
}

/** The physical table of a logical one; throws on a name the projection does not own. */
export function tableOf(tables: TableNames, logical: string): string {
  const physical = tables[logical];
  if (physical === undefined) throw new Error(`unknown read-model table ${logical}`);
  return physical;
}

/**
 * A statement's SQL text, built once per physical table and the same string ever after.
 * `apply` runs for every event, and the runners find their prepared statement by SQL
 * text: a string concatenated afresh per event must be flattened, hashed and compared in
 * full on every lookup, while a reused one is found by its cached hash.
 */
export function sqlPerTable(build: (table: string) => string): (table: string) => string {
  const built = new Map<string, string>();
  return (table) => {
    let sql = built.get(table);
    if (sql === undefined) {
      sql = build(table);
      built.set(table, sql);
    }
    return sql;
  };
}
