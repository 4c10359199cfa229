import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { newEvent } from '../contract/sample-events';
import { WrongExpectedVersion } from '../port/errors';
import { SqliteEventStore } from './sqlite-event-store';
import { SCHEMA_VERSION } from './sqlite-schema';

describe('SqliteEventStore specifics', () => {
  let dir: string;
  let file: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'aos-sqlite-'));
    file = join(dir, 'nested', 'events.db');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('is durable by default: WAL journal and synchronous=FULL', async () => {
    const store = new SqliteEventStore({ filename: file });
    expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(store.db.pragma('synchronous', { simple: true })).toBe(2);
    await store.close();
  });

  it('commits appends of one tick together, each succeeding or failing alone', async () => {
    const store = new SqliteEventStore({ filename: file });
    await store.appendToStream('b', [newEvent('B0')], { expectedVersion: 'no_stream' });
    const changesBefore = store.db.prepare('SELECT total_changes() AS n').get() as { n: number };
    const [a, b, c] = await Promise.allSettled([
      store.appendToStream('a', [newEvent('A1')], { expectedVersion: 'no_stream' }),
      store.appendToStream('b', [newEvent('B1'), newEvent('B2')], { expectedVersion: 'no_stream' }),
      store.appendToStream('c', [newEvent('C1')], { expectedVersion: 'no_stream' }),
    ]);
    expect(a.status).toBe('fulfilled');
    expect(c.status).toBe('fulfilled');
    expect(b).toMatchObject({ status: 'rejected', reason: expect.any(WrongExpectedVersion) });
    expect((await store.readAll()).map((e) => e.type)).toEqual(['B0', 'A1', 'C1']);
    // a and c: one event row and one stream row each; the conflicting b wrote nothing.
    const changesAfter = store.db.prepare('SELECT total_changes() AS n').get() as { n: number };
    expect(changesAfter.n - changesBefore.n).toBe(4);
    await store.close();
  });

  it('keeps events across reopening and applies migrations once', async () => {
    const first = new SqliteEventStore({ filename: file });
    await first.appendToStream('s', [newEvent('E1')], { expectedVersion: 'no_stream' });
    await first.close();
    const second = new SqliteEventStore({ filename: file });
    await second.appendToStream('s', [newEvent('E2')], { expectedVersion: 1 });
    expect((await second.readStream('s')).map((e) => e.type)).toEqual(['E1', 'E2']);
    const versions = second.db.prepare('SELECT version FROM schema_migrations').all();
    expect(versions).toEqual(
      Array.from({ length: SCHEMA_VERSION }, (_, i) => ({ version: i + 1 })),
    );
    await second.close();
  });

  it('opens read-only for auditors: reads work, writes are refused and change nothing', async () => {
    const writer = new SqliteEventStore({ filename: file });
    await writer.appendToStream('s', [newEvent('E1')], { expectedVersion: 'no_stream' });
    const reader = new SqliteEventStore({ filename: file, readonly: true });
    expect(await reader.readStream('s')).toHaveLength(1);
    await expect(
      reader.appendToStream('s', [newEvent('E2')], { expectedVersion: 1 }),
    ).rejects.toMatchObject({
      code: 'SQLITE_READONLY',
    });
    expect(await writer.readStream('s')).toHaveLength(1);
    await reader.close();
    await writer.close();
  });

  it('refuses to open a missing file read-only instead of creating it', () => {
    expect(
      () => new SqliteEventStore({ filename: join(dir, 'absent.db'), readonly: true }),
    ).toThrow();
  });
});
