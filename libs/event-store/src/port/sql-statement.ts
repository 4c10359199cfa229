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
 * and positioned: the inline projections. A statement that fails fails the append.
 */
export interface AppendHook {
  statementsFor(events: readonly RecordedEvent[]): readonly SqlStatement[];
}
