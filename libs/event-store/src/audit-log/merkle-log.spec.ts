import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { newEvent } from '../contract/sample-events';
import { MemoryEventStore } from '../memory/memory-event-store';
import { SqliteEventStore } from '../sqlite/sqlite-event-store';
import { MerkleLog } from './merkle-log';
import { merkleLogCases, upgradedStoreCase } from './merkle-log.cases';

merkleLogCases('memory', async () => new MemoryEventStore());
merkleLogCases('sqlite', async () => new SqliteEventStore({ filename: ':memory:' }));

describe('MerkleLog tiles kept in memory', () => {
  it('are not used once another process has rebuilt the tree from changed events', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'merkle-cache-'));
    const filename = join(dir, 'store.db');
    const store = new SqliteEventStore({ filename });
    try {
      for (let i = 0; i < 600; i++) {
        await store.appendToStream(`account-${i % 5}`, [newEvent('Numbered', { n: i })], {
          expectedVersion: 'any',
        });
      }
      const api = new MerkleLog(store);
      await api.catchUp();
      const before = Buffer.from(await api.root(600));
      await api.inclusionProof(5, 600);
      // An administrator changes an event's stored hash; the tree is rebuilt elsewhere.
      const db = new Database(filename);
      db.prepare(
        `UPDATE events SET metadata = json_set(metadata, '$.hash', ?) WHERE global_position = 3`,
      ).run('ab'.repeat(32));
      db.close();
      const cli = new MerkleLog(store);
      await cli.clear();
      await cli.catchUp();
      const rebuilt = Buffer.from(await cli.root(600));
      expect(rebuilt).not.toEqual(before);
      expect(Buffer.from(await api.root(600))).toEqual(rebuilt);
      expect(await api.inclusionProof(5, 600)).toEqual(await cli.inclusionProof(5, 600));
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 30_000);
});

describe('a SQLite store written before binary tiles', () => {
  it('migrates when opened; its text tiles verify and the tree grows in binary', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'merkle-upgrade-'));
    const filename = join(dir, 'store.db');
    let store = new SqliteEventStore({ filename });
    try {
      store = (await upgradedStoreCase(store, async () => {
        await store.close();
        const db = new Database(filename);
        db.exec(
          'ALTER TABLE records DROP COLUMN bytes; DELETE FROM schema_migrations WHERE version = 3',
        );
        db.close();
        store = new SqliteEventStore({ filename });
        return store;
      })) as SqliteEventStore;
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
