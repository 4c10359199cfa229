import type { SqlStatement } from '@account-ops/event-store';

/** An INSERT of one row that rows of the same statement can join: text before and after it. */
interface RowInsert {
  /** `INSERT INTO t (cols) VALUES ` */
  readonly head: string;
  /** The row's tuple, e.g. `(?, ?, 'pending', ?)`. */
  readonly tuple: string;
  /** Empty, or ` ON CONFLICT (…) DO NOTHING`. */
  readonly tail: string;
}

const shapes = new Map<string, RowInsert | null>();
/** Merged texts by single-row text and row count: the same string every time (see sqlPerTable). */
const mergedTexts = new Map<string, string>();

function mergedText(sql: string, shape: RowInsert, rows: number): string {
  const key = `${rows}\u0000${sql}`;
  let text = mergedTexts.get(key);
  if (text === undefined) {
    text = `${shape.head}${Array(rows).fill(shape.tuple).join(', ')}${shape.tail}`;
    mergedTexts.set(key, text);
  }
  return text;
}

/**
 * `INSERT INTO t (…) VALUES (…)`, optionally `ON CONFLICT (…) DO NOTHING`, as head, tuple
 * and tail; null for anything else (an upsert, an update, several rows already). DO
 * UPDATE is never merged: PostgreSQL refuses a statement that updates one row twice.
 */
function shapeOf(sql: string): RowInsert | null {
  let shape = shapes.get(sql);
  if (shape !== undefined) return shape;
  shape = null;
  const match =
    /^(INSERT INTO \S+ \([^()]*\) VALUES )(\(.*\))((?: ON CONFLICT \([^()]*\) DO NOTHING)?)$/s.exec(
      sql,
    );
  if (match && balancedOnce(match[2]!))
    shape = { head: match[1]!, tuple: match[2]!, tail: match[3]! };
  shapes.set(sql, shape);
  return shape;
}

/** True when `tuple` is one parenthesised group (its first `(` closes at its end). */
function balancedOnce(tuple: string): boolean {
  let depth = 0;
  let quoted = false;
  for (let i = 0; i < tuple.length; i++) {
    const c = tuple[i];
    if (c === "'") quoted = !quoted;
    if (quoted) continue;
    if (c === '(') depth++;
    if (c === ')' && --depth === 0 && i !== tuple.length - 1) return false;
  }
  return depth === 0 && !quoted;
}

/**
 * Joins runs of consecutive single-row INSERTs of the same SQL text into multi-row
 * INSERTs of `rows` rows (a run's remainder stays as it was, so a runner sees only two
 * texts per table). The rows go in the same order and each keeps its own values, so the
 * effect is the statements' own: a row that a DO NOTHING skips would have been skipped
 * alone, and a conflict without one fails the batch either way. What it saves is the
 * per-statement work (parse and plan on PostgreSQL, a step on SQLite) of a rebuild's or a
 * batch's audit rows, one per event.
 */
export function mergeInserts(statements: readonly SqlStatement[], rows = 64): SqlStatement[] {
  const out: SqlStatement[] = [];
  for (let i = 0; i < statements.length;) {
    const first = statements[i]!;
    const shape = shapeOf(first.sql);
    let end = i + 1;
    if (shape) while (end < statements.length && statements[end]!.sql === first.sql) end++;
    if (!shape || end - i < rows) {
      for (; i < end; i++) out.push(statements[i]!);
      continue;
    }
    const merged = mergedText(first.sql, shape, rows);
    for (; i + rows <= end; i += rows) {
      const params = [];
      for (let k = i; k < i + rows; k++) params.push(...statements[k]!.params);
      out.push({ sql: merged, params });
    }
    for (; i < end; i++) out.push(statements[i]!);
  }
  return out;
}
