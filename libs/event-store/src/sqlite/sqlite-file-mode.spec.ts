import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from './sqlite-event-store';

const mode = (path: string) => statSync(path).mode & 0o777;

describe('the SQLite files are readable by their owner only', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'aos-sqlite-mode-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('a new database, its write-ahead log and shared memory are created 0600', async () => {
    const previous = process.umask(0o022); // the usual umask, which would give 0644
    try {
      const file = join(dir, 'nested', 'events.db');
      const store = new SqliteEventStore({ filename: file });
      await store.appendToStream(
        's-1',
        [{ type: 'T', data: {}, metadata: { actor: { id: 'a', roles: [] } } }],
        {
          expectedVersion: 'no_stream',
        },
      );
      expect({ db: mode(file), wal: mode(`${file}-wal`), shm: mode(`${file}-shm`) }).toEqual({
        db: 0o600,
        wal: 0o600,
        shm: 0o600,
      });
      await store.close();
    } finally {
      process.umask(previous);
    }
  });

  it('an existing file keeps the mode its owner gave it', async () => {
    const file = join(dir, 'events.db');
    writeFileSync(file, '', { mode: 0o640 });
    const store = new SqliteEventStore({ filename: file });
    expect(mode(file)).toBe(0o640);
    await store.close();
  });
});
