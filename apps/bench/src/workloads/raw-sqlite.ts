import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RAW_GENESIS, rawCommand, rawStreamId, type RawTip } from './raw-command';
import type { RawRun, RawTiming } from './raw';

// The event store's own tables, without its migrations bookkeeping.
const SCHEMA = `
  CREATE TABLE events (
    global_position INTEGER PRIMARY KEY AUTOINCREMENT, stream_id TEXT NOT NULL,
    version INTEGER NOT NULL, event_id TEXT NOT NULL UNIQUE, type TEXT NOT NULL,
    schema_version INTEGER NOT NULL, data TEXT NOT NULL, metadata TEXT NOT NULL,
    UNIQUE (stream_id, version));
  CREATE TABLE streams (stream_id TEXT PRIMARY KEY, version INTEGER NOT NULL,
    last_hash TEXT NOT NULL, last_position INTEGER NOT NULL) WITHOUT ROWID;
  CREATE TABLE records (collection TEXT NOT NULL, key TEXT NOT NULL, sort_key TEXT,
    value TEXT NOT NULL, PRIMARY KEY (collection, key)) WITHOUT ROWID;
  CREATE INDEX records_by_sort_key ON records (collection, sort_key, key);`;

/**
 * The raw baseline on SQLite: a fresh file in WAL with synchronous=FULL, and each round
 * of commands in flight (one per account slot, CONCURRENCY slots) committed as one
 * IMMEDIATE transaction, as the store's group commit would. Every command in a round
 * is given the round's duration as its latency.
 */
export async function rawSqlite(run: RawRun): Promise<RawTiming> {
  const dir = mkdtempSync(join(tmpdir(), 'aos-bench-raw-'));
  const db = new Database(join(dir, 'raw.db'));
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.exec(SCHEMA);
    const command = prepare(db);
    // Each account starts with one event, as the engine's accounts start opened (untimed).
    db.transaction(() => run.accounts.forEach((a) => command(a, -1))).immediate();
    const latencies = new Float64Array(run.accounts.length * run.ops);
    let done = 0;
    let nextAccount = 0;
    const slots: { account: string; op: number }[] = [];
    const started = performance.now();
    for (;;) {
      while (slots.length < run.concurrency && nextAccount < run.accounts.length) {
        slots.push({ account: run.accounts[nextAccount++]!, op: 0 });
      }
      if (slots.length === 0) break;
      const t0 = performance.now();
      db.transaction(() => slots.forEach((s) => command(s.account, s.op))).immediate();
      const ms = performance.now() - t0;
      latencies.fill(ms, done, done + slots.length);
      done += slots.length;
      for (const slot of slots) slot.op++;
      slots.splice(0, slots.length, ...slots.filter((s) => s.op < run.ops));
      // One event-loop turn per round, like the store's group commit (and it lets timers run).
      await new Promise((resolve) => setImmediate(resolve));
    }
    return { latencies, elapsedMs: performance.now() - started };
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** One command: read the tip, insert the event, move the tip, insert the idempotency record. */
function prepare(db: Database.Database): (accountId: string, op: number) => void {
  const tip = db.prepare<[string], { version: number; last_hash: string }>(
    'SELECT version, last_hash FROM streams WHERE stream_id = ?',
  );
  const insertEvent = db.prepare(
    `INSERT INTO events (stream_id, version, event_id, type, schema_version, data, metadata)
     VALUES (?, ?, ?, ?, 1, ?, ?)`,
  );
  const upsertTip = db.prepare(
    `INSERT INTO streams (stream_id, version, last_hash, last_position) VALUES (?, ?, ?, ?)
     ON CONFLICT (stream_id) DO UPDATE SET version = excluded.version,
       last_hash = excluded.last_hash, last_position = excluded.last_position`,
  );
  const insertRecord = db.prepare(
    `INSERT INTO records (collection, key, sort_key, value) VALUES ('idempotency', ?, NULL, ?)`,
  );
  return (accountId, op) => {
    const row = tip.get(rawStreamId(accountId));
    const current: RawTip = row ? { version: row.version, hash: row.last_hash } : RAW_GENESIS;
    const w = rawCommand(accountId, op, current);
    const { lastInsertRowid } = insertEvent.run(
      w.streamId,
      w.version,
      w.eventId,
      w.type,
      w.data,
      w.metadata,
    );
    upsertTip.run(w.streamId, w.version, w.hash, lastInsertRowid);
    if (op >= 0) insertRecord.run(w.recordKey, w.recordValue);
  };
}
