import type { Database, Statement } from 'better-sqlite3';
import type { SqlStatement } from '../port/sql-statement';

/**
 * Runs portable statements on one connection, preparing each distinct SQL text once:
 * inline projections issue the same few statements on every append.
 */
export class SqlRunner {
  private readonly prepared = new Map<string, Statement>();

  constructor(private readonly db: Database) {}

  run(statements: readonly SqlStatement[]): void {
    for (const { sql, params } of statements) this.statement(sql).run(...params);
  }

  private statement(sql: string): Statement {
    let statement = this.prepared.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.prepared.set(sql, statement);
    }
    return statement;
  }
}
