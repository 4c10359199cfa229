import {
  computeEventHash,
  hashedContentOf,
  position,
  type RecordedEvent,
} from '@account-ops/event-store';
import Database from 'better-sqlite3';

interface Row {
  global_position: number;
  stream_id: string;
  version: number;
  event_id: string;
  type: string;
  schema_version: number;
  data: string;
  metadata: string;
}

function withDb<T>(file: string, work: (db: Database.Database) => T): T {
  const db = new Database(file);
  try {
    return work(db);
  } finally {
    db.close();
  }
}

/**
 * Changes one character of a stored event's data behind the store's back, as an attacker
 * with database access would; returns the event's id.
 */
export function tamperData(file: string, streamId: string, version: number): string {
  return withDb(file, (db) => {
    const row = db
      .prepare<[string, number], Row>('SELECT * FROM events WHERE stream_id = ? AND version = ?')
      .get(streamId, version)!;
    const data = row.data.replace(
      /"amount":(\d)/,
      (_, d: string) => `"amount":${(Number(d) + 1) % 10}`,
    );
    if (data === row.data) throw new Error(`event ${streamId}#${version} has no amount to change`);
    db.prepare('UPDATE events SET data = ? WHERE event_id = ?').run(data, row.event_id);
    return row.event_id;
  });
}

/**
 * The thorough attacker: after changing an event, re-seals it and every later event of
 * its stream (hashes and prevHash links), so each chain verifies again.
 */
export function tamperAndReseal(file: string, streamId: string, version: number): void {
  tamperData(file, streamId, version);
  withDb(file, (db) => {
    const rows = db
      .prepare<[string], Row>('SELECT * FROM events WHERE stream_id = ? ORDER BY version')
      .all(streamId);
    let prevHash = '';
    for (const row of rows) {
      const metadata = JSON.parse(row.metadata) as RecordedEvent['metadata'];
      if (row.version >= version) {
        const event = toEvent(row, { ...metadata, prevHash });
        const hash = computeEventHash(prevHash, hashedContentOf(event));
        db.prepare('UPDATE events SET metadata = ? WHERE event_id = ?').run(
          JSON.stringify({ ...metadata, prevHash, hash }),
          row.event_id,
        );
        prevHash = hash;
      } else prevHash = metadata.hash;
    }
    db.prepare('UPDATE streams SET last_hash = ? WHERE stream_id = ?').run(prevHash, streamId);
  });
}

function toEvent(row: Row, metadata: RecordedEvent['metadata']): RecordedEvent {
  return {
    eventId: row.event_id,
    streamId: row.stream_id,
    version: row.version,
    globalPosition: position(BigInt(row.global_position)),
    type: row.type,
    schemaVersion: row.schema_version,
    data: JSON.parse(row.data),
    metadata,
  };
}

/** Moves a balance read-model row away from what the events say. */
export function corruptBalance(file: string, accountId: string): void {
  withDb(file, (db) =>
    db
      .prepare('UPDATE rm_balance_accounts SET available = available + 1 WHERE account_id = ?')
      .run(accountId),
  );
}
