import { sqlLiteral, type SqlStatement, type SqlValue } from '@account-ops/event-store';

/** `?` → `$1, $2, …`. Our portable SQL never has a `?` inside a string literal. */
export function numberPlaceholders(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

function literal(value: SqlValue): string {
  if (value === null) return 'NULL';
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`cannot write ${value} to SQL`);
    return String(value);
  }
  return sqlLiteral(value);
}

/**
 * One statement with its values inlined as literals (escaped as pg's `escapeLiteral` does,
 * by the event store's group commit's `sqlLiteral`), so that a whole
 * batch goes to the server as one multi-statement query: one round trip per batch
 * instead of one per row. Parameters cannot do this: the extended protocol allows one
 * statement per query.
 */
export function inlineLiterals({ sql, params }: SqlStatement): string {
  let i = 0;
  const text = sql.replace(/\?/g, () => {
    if (i >= params.length) throw new Error(`too few parameters for: ${sql}`);
    return literal(params[i++]!);
  });
  if (i !== params.length) throw new Error(`too many parameters for: ${sql}`);
  return text;
}

export function batchText(statements: readonly SqlStatement[]): string {
  return statements.map(inlineLiterals).join(';\n');
}
