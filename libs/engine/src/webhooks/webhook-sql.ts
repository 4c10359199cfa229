import type { Database } from 'better-sqlite3';
import type { Pool } from 'pg';
import {
  loadBetterSqlite3,
  MemoryEventStore,
  PostgresEventStore,
  SplitEventStore,
  SqliteEventStore,
  type TransactionalEventStore,
} from '@account-ops/event-store';

/** One statement of an atomic batch; `mustChange` aborts the batch when it changes no row. */
export interface SqlStep {
  readonly sql: string;
  readonly params: readonly unknown[];
  readonly mustChange?: boolean;
}

/**
 * The little SQL the webhook tables need, the same text on SQLite and PostgreSQL
 * (`$1…` placeholders, `{endpoints}`/`{deliveries}` table names). Each call is one
 * statement or one batch, atomic on its own; no transaction stays open across an
 * `await`, so on SQLite (one connection shared with the event store) nothing else can
 * run inside it.
 */
export interface WebhookSql {
  readonly dialect: 'sqlite' | 'postgres';
  all<T>(sql: string, params?: readonly unknown[]): Promise<T[]>;
  run(sql: string, params?: readonly unknown[]): Promise<number>;
  /** All steps or none; false (nothing written) when a `mustChange` step changed no row. */
  atomic(steps: readonly SqlStep[]): Promise<boolean>;
}

const TABLES = ['endpoints', 'deliveries'] as const;

function withTables(sql: string, prefix: string): string {
  return TABLES.reduce((text, t) => text.replaceAll(`{${t}}`, `${prefix}webhook_${t}`), sql);
}

class Aborted extends Error {}

/** SQLite: `$n` becomes `?` with the arguments reordered; every batch is one synchronous transaction. */
export class SqliteWebhookSql implements WebhookSql {
  readonly dialect = 'sqlite' as const;
  constructor(private readonly db: Database) {}

  private prepare(sql: string, params: readonly unknown[]) {
    const args: unknown[] = [];
    const text = withTables(sql, '').replace(/\$(\d+)/g, (_, n: string) => {
      args.push(params[Number(n) - 1]);
      return '?';
    });
    return { statement: this.db.prepare(text), args };
  }

  async all<T>(sql: string, params: readonly unknown[] = []): Promise<T[]> {
    const { statement, args } = this.prepare(sql, params);
    return statement.all(...args) as T[];
  }

  async run(sql: string, params: readonly unknown[] = []): Promise<number> {
    const { statement, args } = this.prepare(sql, params);
    return statement.run(...args).changes;
  }

  async atomic(steps: readonly SqlStep[]): Promise<boolean> {
    try {
      this.db
        .transaction(() => {
          for (const step of steps) {
            const { statement, args } = this.prepare(step.sql, step.params);
            const changes = statement.run(...args).changes;
            if (step.mustChange && changes === 0) throw new Aborted();
          }
        })
        .immediate();
      return true;
    } catch (error) {
      if (error instanceof Aborted) return false;
      throw error;
    }
  }

  exec(sql: string): void {
    this.db.exec(withTables(sql, ''));
  }

  /** Runs `fn` in one IMMEDIATE transaction (migrations: re-read under the write lock). */
  immediate<T>(fn: (db: Database) => T): T {
    return this.db.transaction(() => fn(this.db)).immediate();
  }
}

/** PostgreSQL: the store's pool and schema; a batch is one transaction on one client. */
export class PostgresWebhookSql implements WebhookSql {
  readonly dialect = 'postgres' as const;
  constructor(
    readonly pool: Pool,
    readonly schema: string,
  ) {}

  private text(sql: string): string {
    return withTables(sql, `"${this.schema}".`);
  }

  async all<T>(sql: string, params: readonly unknown[] = []): Promise<T[]> {
    const { rows } = await this.pool.query(this.text(sql), [...params]);
    return rows as T[];
  }

  async run(sql: string, params: readonly unknown[] = []): Promise<number> {
    const result = await this.pool.query(this.text(sql), [...params]);
    return result.rowCount ?? 0;
  }

  async atomic(steps: readonly SqlStep[]): Promise<boolean> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      for (const step of steps) {
        const result = await client.query(this.text(step.sql), [...step.params]);
        if (step.mustChange && (result.rowCount ?? 0) === 0) {
          await client.query('ROLLBACK');
          return false;
        }
      }
      await client.query('COMMIT');
      return true;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  tableSql(sql: string): string {
    return this.text(sql);
  }
}

/**
 * Where a store keeps its webhook tables: beside the events on SQLite and PostgreSQL,
 * in PostgreSQL with the records for the split store, and in a private in-memory SQLite
 * database for the memory store (as short-lived as its events).
 */
export function webhookSqlFor(store: TransactionalEventStore): WebhookSql {
  if (store instanceof SqliteEventStore) return new SqliteWebhookSql(store.db as Database);
  if (store instanceof PostgresEventStore)
    return new PostgresWebhookSql(store.connectionPool, store.schemaName);
  if (store instanceof SplitEventStore && store.records instanceof PostgresEventStore) {
    return new PostgresWebhookSql(store.records.connectionPool, store.records.schemaName);
  }
  if (store instanceof MemoryEventStore)
    return new SqliteWebhookSql(new (loadBetterSqlite3())(':memory:'));
  throw new Error('webhooks need a SQLite, PostgreSQL or memory store');
}
