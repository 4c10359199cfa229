import { PostgresWebhookSql, SqliteWebhookSql, type WebhookSql } from './webhook-sql';

/*
 * Ordered, append-only, with their own migrations table (`webhook_migrations`) so they
 * never collide with the event store's numbering. Times are epoch milliseconds (compared
 * as numbers on both databases); positions are formatPosition text; JSON is text.
 * Deliveries are ordered by `seq`, which follows the global order of the events: the
 * feeder inserts them in that order, one endpoint at a time.
 */
const SQLITE: readonly string[] = [
  `CREATE TABLE {endpoints} (
     id          TEXT    PRIMARY KEY,
     url         TEXT    NOT NULL,
     topics      TEXT    NOT NULL,
     enabled     INTEGER NOT NULL,
     secrets     TEXT    NOT NULL,
     feed_cursor TEXT    NOT NULL,
     round       INTEGER NOT NULL,
     created_at  INTEGER NOT NULL,
     updated_at  INTEGER NOT NULL
   );
   CREATE TABLE {deliveries} (
     seq             INTEGER PRIMARY KEY AUTOINCREMENT,
     endpoint_id     TEXT    NOT NULL,
     round           INTEGER NOT NULL,
     event_id        TEXT    NOT NULL,
     account_id      TEXT    NOT NULL,
     position        TEXT    NOT NULL,
     topic           TEXT    NOT NULL,
     payload         TEXT    NOT NULL,
     status          TEXT    NOT NULL,
     attempts        INTEGER NOT NULL,
     next_attempt_at INTEGER NOT NULL,
     lease_owner     TEXT,
     lease_until     INTEGER,
     last_error      TEXT,
     last_status     INTEGER,
     created_at      INTEGER NOT NULL,
     delivered_at    INTEGER,
     UNIQUE (endpoint_id, round, event_id)
   );
   CREATE INDEX webhook_deliveries_due ON {deliveries} (status, next_attempt_at);
   CREATE INDEX webhook_deliveries_in_order ON {deliveries} (endpoint_id, account_id, status, seq);`,
];

const POSTGRES: readonly string[] = [
  `CREATE TABLE {endpoints} (
     id          text    PRIMARY KEY,
     url         text    NOT NULL,
     topics      text    NOT NULL,
     enabled     integer NOT NULL,
     secrets     text    NOT NULL,
     feed_cursor text    NOT NULL,
     round       integer NOT NULL,
     created_at  bigint  NOT NULL,
     updated_at  bigint  NOT NULL
   );
   CREATE TABLE {deliveries} (
     seq             bigint  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
     endpoint_id     text    NOT NULL,
     round           integer NOT NULL,
     event_id        text    NOT NULL,
     account_id      text    NOT NULL,
     position        text    NOT NULL,
     topic           text    NOT NULL,
     payload         text    NOT NULL,
     status          text    NOT NULL,
     attempts        integer NOT NULL,
     next_attempt_at bigint  NOT NULL,
     lease_owner     text,
     lease_until     bigint,
     last_error      text,
     last_status     integer,
     created_at      bigint  NOT NULL,
     delivered_at    bigint,
     UNIQUE (endpoint_id, round, event_id)
   );
   CREATE INDEX webhook_deliveries_due ON {deliveries} (status, next_attempt_at);
   CREATE INDEX webhook_deliveries_in_order ON {deliveries} (endpoint_id, account_id, status, seq);`,
];

/** Creates or upgrades the webhook tables; safe when several processes start at once. */
export async function migrateWebhookTables(sql: WebhookSql): Promise<void> {
  if (sql instanceof SqliteWebhookSql) {
    // One IMMEDIATE transaction: two processes opening one file apply each migration once.
    sql.immediate((db) => {
      db.exec(`CREATE TABLE IF NOT EXISTS webhook_migrations (
                 version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)`);
      const row = db.prepare('SELECT max(version) AS v FROM webhook_migrations').get() as {
        v: number | null;
      };
      const current = row.v ?? 0;
      SQLITE.slice(current).forEach((text, i) => {
        sql.exec(text);
        db.prepare('INSERT INTO webhook_migrations (version, applied_at) VALUES (?, ?)').run(
          current + i + 1,
          new Date().toISOString(),
        );
      });
    });
    return;
  }
  if (!(sql instanceof PostgresWebhookSql)) throw new Error('unknown webhook SQL dialect');
  const client = await sql.pool.connect();
  try {
    await client.query('BEGIN');
    // The same lock key space as the event store's migrations, with a suffix of our own.
    await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [
      `${sql.schema}:webhook-migrations`,
    ]);
    await client.query(
      `CREATE TABLE IF NOT EXISTS "${sql.schema}".webhook_migrations (
         version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`,
    );
    const { rows } = await client.query<{ version: number }>(
      `SELECT version FROM "${sql.schema}".webhook_migrations`,
    );
    const done = new Set(rows.map((row) => row.version));
    for (const [i, text] of POSTGRES.entries()) {
      if (done.has(i + 1)) continue;
      await client.query(sql.tableSql(text));
      await client.query(`INSERT INTO "${sql.schema}".webhook_migrations (version) VALUES ($1)`, [
        i + 1,
      ]);
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
