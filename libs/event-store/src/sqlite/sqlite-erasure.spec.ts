import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { newEvent } from '../contract/sample-events';
import { SqliteEventStore } from './sqlite-event-store';

/** Every byte of the database: the file, its write-ahead log and shared memory. */
const fileBytes = (file: string) =>
  ['', '-wal', '-shm']
    .map((suffix) => `${file}${suffix}`)
    .filter((path) => existsSync(path))
    .map((path) => readFileSync(path).toString('latin1'))
    .join('\n');

/**
 * Crypto-shredding deletes a data key; a deleted SQLite row stays readable in free pages
 * and in earlier WAL frames unless the store erases it. Found by the reliability suite
 * (test/reliability/secrets): a closed account's name, e-mail and data key were still in
 * the files.
 */
describe('SqliteEventStore erasure', () => {
  let dir: string;
  let file: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'aos-sqlite-erase-'));
    file = join(dir, 'events.db');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const KEY = 'data-key-material-0f1e2d3c4b5a';

  it('leaves no byte of a confidential record it deleted, in the file or the WAL', async () => {
    const store = new SqliteEventStore({ filename: file });
    await store.appendToStream('s', [newEvent('Opened')], {
      expectedVersion: 'no_stream',
      records: [{ op: 'insert', collection: 'data-key', key: 's', value: KEY, confidential: true }],
    });
    expect(fileBytes(file)).toContain(KEY);
    await store.appendToStream('s', [newEvent('Closed')], {
      expectedVersion: 1,
      records: [{ op: 'delete', collection: 'data-key', key: 's', confidential: true }],
    });
    expect(fileBytes(file)).not.toContain(KEY);
    await store.close();
  });

  it('leaves no byte of the old value of a confidential record it updated', async () => {
    const store = new SqliteEventStore({ filename: file });
    const longer = { wrapped: 'w'.repeat(200) };
    await store.writeRecords([{ op: 'insert', collection: 'data-key', key: 'a', value: KEY }]);
    await store.writeRecords([{ op: 'insert', collection: 'data-key', key: 'b', value: KEY }]);
    expect(fileBytes(file)).toContain(KEY);
    // One update keeps the row's size, one grows it (SQLite moves it to a new cell).
    await store.writeRecords([
      {
        op: 'update',
        collection: 'data-key',
        key: 'a',
        value: KEY.replace(/./g, 'x'),
        confidential: true,
      },
      { op: 'update', collection: 'data-key', key: 'b', value: longer, confidential: true },
    ]);
    expect(fileBytes(file)).not.toContain(KEY);
    expect((await store.getRecord('data-key', 'b'))?.value).toEqual(longer);
    await store.close();
  });

  it('erases deleted rows from the main file even without the flag (secure_delete)', async () => {
    const store = new SqliteEventStore({ filename: file });
    await store.writeRecords([{ op: 'insert', collection: 'c', key: 'k', value: KEY }]);
    await store.writeRecords([{ op: 'delete', collection: 'c', key: 'k' }]);
    store.db.pragma('wal_checkpoint(TRUNCATE)');
    expect(fileBytes(file)).not.toContain(KEY);
    await store.close();
  });
});
