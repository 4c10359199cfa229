import type { RecordedEvent } from './envelope';

/** A value bound to a `?` placeholder. Amounts and versions are numbers, positions bigints. */
export type SqlValue = string | number | bigint | null;

/**
 * One statement in the SQL both embedded and server stores understand: `?` placeholders
 * (the PostgreSQL adapter numbers them), `INSERT … ON CONFLICT`, TEXT/INTEGER/BIGINT
 * columns. Read models are written this way so one projection serves SQLite and PostgreSQL.
 */
export interface SqlStatement {
  readonly sql: string;
  readonly params: readonly SqlValue[];
}

/**
 * Work a SQL store runs inside an append's own transaction, after the events are written
 * and positioned: the inline projections. A statement that fails fails the append (and
 * no other).
 */
export interface AppendHook {
  /**
   * Statements for `events`, in global order: one append's, or those of several appends
   * committed together (a group commit hands them over in one call). They must leave the
   * rows that each append's own statements in turn would leave.
   */
  statementsFor(events: readonly RecordedEvent[]): readonly SqlStatement[];
}
