import type { Database } from 'better-sqlite3';

/**
 * Ordered, append-only migrations. Each runs once, inside the same IMMEDIATE transaction
 * that records it, so two processes opening one file at once cannot both apply it.
 */
const MIGRATIONS: readonly string[] = [
  `CREATE TABLE events (
     global_position INTEGER PRIMARY KEY AUTOINCREMENT,
     stream_id       TEXT    NOT NULL,
     version         INTEGER NOT NULL,
     event_id        TEXT    NOT NULL UNIQUE,
     type            TEXT    NOT NULL,
     schema_version  INTEGER NOT NULL,
     data            TEXT    NOT NULL,
     metadata        TEXT    NOT NULL,
     UNIQUE (stream_id, version)
   );
   CREATE TABLE streams (
     stream_id     TEXT PRIMARY KEY,
     version       INTEGER NOT NULL,
     last_hash     TEXT    NOT NULL,
     last_position INTEGER NOT NULL
   ) WITHOUT ROWID;`,
  `CREATE TABLE records (
     collection TEXT NOT NULL,
     key        TEXT NOT NULL,
     sort_key   TEXT,
     value      TEXT NOT NULL,
     PRIMARY KEY (collection, key)
   ) WITHOUT ROWID;
   CREATE INDEX records_by_sort_key ON records (collection, sort_key, key);`,
  // A record's opaque bytes (StoredRecord.bytes): the Merkle tree's tiles, unencoded.
  `ALTER TABLE records ADD COLUMN bytes BLOB;`,
];

export function migrate(db: Database): void {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
             version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)`);
  const applied = db.prepare<[], { v: number | null }>(
    'SELECT max(version) AS v FROM schema_migrations',
  );
  const record = db.prepare('INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)');
  db.transaction(() => {
    const current = applied.get()?.v ?? 0;
    MIGRATIONS.slice(current).forEach((sql, i) => {
      db.exec(sql);
      record.run(current + i + 1, new Date().toISOString());
    });
  }).immediate();
}

export const SCHEMA_VERSION = MIGRATIONS.length;
