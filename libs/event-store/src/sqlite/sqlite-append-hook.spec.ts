import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { newEvent } from '../contract/sample-events';
import type { RecordedEvent } from '../port/envelope';
import { WrongExpectedVersion } from '../port/errors';
import type { SqlStatement } from '../port/sql-statement';
import { SqliteEventStore } from './sqlite-event-store';

/**
 * The inline hook (what inline projections run): one row per event in `hooked`, in the
 * appends' transaction; a stream named `refused` gets a statement the database refuses.
 */
function rowsHook(calls: string[][]) {
  return {
    statementsFor(events: readonly RecordedEvent[]): SqlStatement[] {
      calls.push(events.map((e) => e.type));
      return events.map((e) =>
        e.streamId === 'refused'
          ? { sql: 'INSERT INTO no_such_table VALUES (1)', params: [] }
          : {
              sql: 'INSERT INTO hooked (event_id, type) VALUES (?, ?)',
              params: [e.eventId, e.type],
            },
      );
    },
  };
}

describe('SqliteEventStore inline hook', () => {
  let dir: string;
  let store: SqliteEventStore;
  let calls: string[][];

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'aos-hook-'));
    store = new SqliteEventStore({ filename: join(dir, 'events.db') });
    store.db.exec('CREATE TABLE hooked (event_id TEXT PRIMARY KEY, type TEXT NOT NULL)');
    calls = [];
    store.setAppendHook(rowsHook(calls));
  });

  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const hookedTypes = () =>
    (store.db.prepare('SELECT type FROM hooked ORDER BY rowid').all() as { type: string }[]).map(
      (r) => r.type,
    );
  const storedTypes = async () => (await store.readAll()).map((e) => e.type);

  it('runs once for the appends committed together, with their events in global order', async () => {
    await Promise.all([
      store.appendToStream('a', [newEvent('A1'), newEvent('A2')], { expectedVersion: 'no_stream' }),
      store.appendToStream('b', [newEvent('B1')], { expectedVersion: 'no_stream' }),
    ]);
    expect(calls).toEqual([['A1', 'A2', 'B1']]);
    expect(hookedTypes()).toEqual(['A1', 'A2', 'B1']);
  });

  it('leaves out the events of an append that failed on its own', async () => {
    await store.appendToStream('b', [newEvent('B0')], { expectedVersion: 'no_stream' });
    calls.length = 0;
    const [a, b] = await Promise.allSettled([
      store.appendToStream('a', [newEvent('A1')], { expectedVersion: 'no_stream' }),
      store.appendToStream('b', [newEvent('B1')], { expectedVersion: 'no_stream' }),
    ]);
    expect(a.status).toBe('fulfilled');
    expect(b).toMatchObject({ status: 'rejected', reason: expect.any(WrongExpectedVersion) });
    expect(calls).toEqual([['A1']]);
    expect(hookedTypes()).toEqual(['B0', 'A1']);
  });

  it('fails only the append whose rows it refuses: the others commit with their rows', async () => {
    const [a, refused, c] = await Promise.allSettled([
      store.appendToStream('a', [newEvent('A1')], { expectedVersion: 'no_stream' }),
      store.appendToStream('refused', [newEvent('R1')], { expectedVersion: 'no_stream' }),
      store.appendToStream('c', [newEvent('C1')], { expectedVersion: 'no_stream' }),
    ]);
    expect(a.status).toBe('fulfilled');
    expect(c.status).toBe('fulfilled');
    expect(refused).toMatchObject({
      status: 'rejected',
      reason: { message: expect.stringMatching(/no such table: no_such_table/) },
    });
    // No event without its rows, no rows without their event; positions without a gap.
    expect(await storedTypes()).toEqual(['A1', 'C1']);
    expect(hookedTypes()).toEqual(['A1', 'C1']);
    expect((await store.readAll()).map((e) => e.globalPosition.commit)).toEqual([1n, 2n]);
  });

  it('leaves nothing of a refused append, and the next append goes through', async () => {
    await expect(
      store.appendToStream('refused', [newEvent('R1')], { expectedVersion: 'no_stream' }),
    ).rejects.toMatchObject({ message: expect.stringMatching(/no_such_table/) });
    await store.appendToStream('a', [newEvent('A1')], { expectedVersion: 'no_stream' });
    expect(await storedTypes()).toEqual(['A1']);
    expect(hookedTypes()).toEqual(['A1']);
  });
});
