import type { SqlStatement, SqlValue } from '@account-ops/event-store';

/** The part of an XState machine definition read here: states and what they accept. */
export interface MachineDefinition {
  readonly root: { readonly states: Readonly<Record<string, { readonly on: object }>> };
}

/** The states of `machine` that accept `eventType`, read from its definition. */
export function statesAccepting(machine: MachineDefinition, eventType: string): string[] {
  return Object.entries(machine.root.states)
    .filter(([, node]) => Object.hasOwn(node.on, eventType))
    .map(([key]) => key);
}

/** One `SET` assignment: SQL with `?` placeholders and their values. */
export type SetClause = readonly [sql: string, params: readonly SqlValue[]];

/** `column = ?` bound to `value`. */
export const assign = (column: string, value: SqlValue): SetClause => [`${column} = ?`, [value]];

/** A primary key: column and value pairs. */
export type RowKey = readonly (readonly [column: string, value: SqlValue])[];

/**
 * An UPDATE by primary key that moves `status` only from a state the XState machine lets
 * the transition start from. Evolve ignores an event its machine refuses; the guard makes
 * the row ignore it too, at no extra statement.
 */
export function transition(
  table: string,
  key: RowKey,
  from: readonly string[],
  to: string,
  sets: readonly SetClause[],
): SqlStatement {
  const clauses = [assign('status', to), ...sets];
  return {
    sql:
      `UPDATE ${table} SET ${clauses.map(([sql]) => sql).join(', ')} ` +
      `WHERE ${key.map(([column]) => `${column} = ?`).join(' AND ')} ` +
      `AND status IN (${from.map(() => '?').join(', ')})`,
    params: [...clauses.flatMap(([, params]) => params), ...key.map(([, value]) => value), ...from],
  };
}
