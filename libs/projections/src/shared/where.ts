import type { SqlValue } from '@account-ops/event-store';

/** AND-ed filter clauses and their parameters, for queries with optional filters. */
export class Where {
  private readonly clauses: string[] = [];
  readonly params: SqlValue[] = [];

  /** Adds `clause` (with `?` placeholders for `values`). */
  and(clause: string, ...values: SqlValue[]): this {
    this.clauses.push(clause);
    this.params.push(...values);
    return this;
  }

  /** Adds `column = ?` when `value` is given; an absent filter matches everything. */
  equals(column: string, value: SqlValue | undefined): this {
    return value === undefined ? this : this.and(`${column} = ?`, value);
  }

  /** ` WHERE …`, or nothing without clauses. */
  get sql(): string {
    return this.clauses.length > 0 ? ` WHERE ${this.clauses.join(' AND ')}` : '';
  }
}

/** `?, ?, …` for an IN list of `count` values. */
export const placeholders = (count: number): string => Array(count).fill('?').join(', ');
