import Database from 'better-sqlite3';
import type { TestApi } from './test-api';

/** Rewrites one stored event's data behind the store's back, as an attacker with database access would. */
export async function tamperEvent(t: TestApi, streamId: string, version: number): Promise<void> {
  const data = JSON.stringify({ tampered: true });
  if (t.sqliteFile) {
    const db = new Database(t.sqliteFile);
    try {
      db.prepare('UPDATE events SET data = ? WHERE stream_id = ? AND version = ?').run(
        data,
        streamId,
        version,
      );
    } finally {
      db.close();
    }
    return;
  }
  const { pool, schema } = t.pg!;
  await pool.query(
    `UPDATE "${schema}".events SET data = $1 WHERE stream_id = $2 AND version = $3`,
    [data, streamId, version],
  );
}
