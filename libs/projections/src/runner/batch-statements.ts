import type { RecordedEvent, SqlStatement } from '@account-ops/event-store';
import { advanceCheckpoint } from '../checkpoints/checkpoint';
import type { Projection, TableNames } from '../projection';

/**
 * What one batch writes: the batch's rows (through the projection's batch fold where it
 * has one, see {@link pageStatements}), then the checkpoint at the batch's last event. Run
 * in one transaction, the rows and the checkpoint can only move together.
 */
export function batchStatements(
  projection: Projection,
  events: readonly RecordedEvent[],
  tables: TableNames,
  now: Date,
): SqlStatement[] {
  const last = events[events.length - 1];
  if (!last) return [];
  const statements = [...pageStatements(projection, events, tables)];
  statements.push(advanceCheckpoint(projection.name, last.globalPosition, events.length, now));
  return statements;
}

/**
 * Rows only: a rebuild keeps its shadow checkpoint in memory until the swap. Every
 * event's statements in order; a plain loop, as this runs for every event of a rebuild
 * and `flatMap` over one-statement arrays costs more than the statements' own building.
 */
export function rowStatements(
  projection: Projection,
  events: readonly RecordedEvent[],
  tables: TableNames,
): SqlStatement[] {
  const statements: SqlStatement[] = [];
  for (const event of events) {
    for (const statement of projection.apply(event, tables)) statements.push(statement);
  }
  return statements;
}

/**
 * The rows of a batch of events — a rebuild's page, an inline group commit's events, an
 * async projector's batch: the projection's batch fold when it has one, else every
 * event's statements in order (the same rows either way; see `Projection.applyPage`).
 * Fewer, larger statements: each row written once, and a database parses and plans one
 * statement where `apply` sent one per event.
 */
export function pageStatements(
  projection: Projection,
  events: readonly RecordedEvent[],
  tables: TableNames,
): readonly SqlStatement[] {
  return projection.applyPage
    ? projection.applyPage(events, tables)
    : rowStatements(projection, events, tables);
}
