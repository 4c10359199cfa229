import { newEvent, numbered } from '../contract/sample-events';
import { verifyStream } from '../hash/verify-stream';
import type { AppendResult } from '../port/event-store';
import {
  DuplicateEventId,
  DuplicateRecord,
  StreamNotFound,
  WrongExpectedVersion,
} from '../port/errors';
import type { RecordWrite } from '../port/records';
import type { Client } from 'pg';
import type { PostgresEventStore } from './postgres-event-store';
import type { PostgresEventStoreOptions } from './postgres-options';

export interface GroupCommitHarness {
  /** Opens a store on a fresh schema, or on `schema` when given (a second process). */
  open(
    options?: Partial<PostgresEventStoreOptions> & { readonly schema?: string },
  ): Promise<PostgresEventStore>;
  /** A connected session outside any store, ended after the test. */
  rawClient(): Promise<Client>;
  /** `it` where two transactions can run at once (a real server, not PGlite); else skipped. */
  readonly onRealServer: (name: string, fn: () => Promise<void>) => void;
}

const insert = (key: string, value: string): RecordWrite => ({
  op: 'insert',
  collection: 'c',
  key,
  value,
});

/** The transactions that wrote the fulfilled appends (positions are (transaction, seq)). */
function transactions(results: PromiseSettledResult<AppendResult>[]): Set<bigint> {
  return new Set(
    results.flatMap((r) =>
      r.status === 'fulfilled' ? r.value.events.map((e) => e.globalPosition.commit) : [],
    ),
  );
}

const reason = (r: PromiseSettledResult<unknown>): unknown =>
  r.status === 'rejected' ? r.reason : undefined;

/**
 * Group commit on a real server (run from postgres-event-store.int-spec.ts). One commit
 * slot (`concurrentCommits: 1`) and appends submitted in the same turn of the event loop
 * make one group, so each case can check what happened inside a group.
 */
export function groupCommitCases({ open, rawClient, onRealServer }: GroupCommitHarness): void {
  describe('group commit', () => {
    it('commits appends that arrive together in one transaction, in their order', async () => {
      const store = await open({ concurrentCommits: 1 });
      const results = await Promise.allSettled(
        Array.from({ length: 20 }, (_, i) =>
          store.appendToStream(`s${i}`, numbered(2), { expectedVersion: 'no_stream' }),
        ),
      );
      expect(transactions(results).size).toBe(1);
      const appended = results.map((r) => (r.status === 'fulfilled' ? r.value : undefined));
      appended.forEach((r, i) => {
        expect(r?.nextExpectedVersion).toBe(2);
        expect(r?.events.map((e) => [e.streamId, e.version])).toEqual([
          [`s${i}`, 1],
          [`s${i}`, 2],
        ]);
      });
      expect(await store.readAll()).toEqual(appended.flatMap((r) => r!.events));
      for (let i = 0; i < 20; i++) {
        const events = await store.readStream(`s${i}`);
        expect(await verifyStream(`s${i}`, events)).toEqual({ ok: true, checked: 2 });
      }
    });

    it('checks each append against the tip the appends before it in the group left', async () => {
      const store = await open({ concurrentCommits: 1 });
      await store.appendToStream('hot', numbered(1), { expectedVersion: 'no_stream' });
      const results = await Promise.allSettled([
        store.appendToStream('hot', numbered(1, 'A'), { expectedVersion: 1 }),
        store.appendToStream('hot', numbered(1, 'B'), { expectedVersion: 1 }),
        store.appendToStream('hot', numbered(1, 'C'), { expectedVersion: 2 }),
        store.appendToStream('hot', numbered(2, 'D'), { expectedVersion: 'any' }),
        store.appendToStream('new', numbered(1, 'E'), { expectedVersion: 'stream_exists' }),
        store.appendToStream('new', numbered(1, 'F'), { expectedVersion: 'no_stream' }),
        store.appendToStream('new', numbered(1, 'G'), { expectedVersion: 'no_stream' }),
      ]);
      expect(results.map((r) => r.status)).toEqual([
        'fulfilled',
        'rejected',
        'fulfilled',
        'fulfilled',
        'rejected',
        'fulfilled',
        'rejected',
      ]);
      expect(transactions(results).size).toBe(1);
      expect(reason(results[1]!)).toEqual(new WrongExpectedVersion('hot', 1, 2));
      expect(reason(results[4]!)).toEqual(new WrongExpectedVersion('new', 'stream_exists', 0));
      expect(reason(results[6]!)).toEqual(new WrongExpectedVersion('new', 'no_stream', 1));
      const hot = await store.readStream('hot');
      expect(hot.map((e) => e.type)).toEqual(['Numbered', 'A', 'C', 'D', 'D']);
      expect(await verifyStream('hot', hot)).toEqual({ ok: true, checked: 5 });
      expect((await store.readStream('new')).map((e) => e.type)).toEqual(['F']);
    });

    it('fails only the appends the database refuses, and commits the others', async () => {
      const store = await open({ concurrentCommits: 1 });
      const taken = newEvent('Taken', {}, { eventId: '0190c2a4-0000-7000-8000-000000000001' });
      await store.appendToStream('taken', [taken], { expectedVersion: 'no_stream' });
      await store.writeRecords([insert('k', 'first')]);
      const results = await Promise.allSettled([
        store.appendToStream('a', numbered(1), {
          expectedVersion: 'no_stream',
          records: [insert('a', 'kept')],
        }),
        store.appendToStream('dup-id', [taken], { expectedVersion: 'no_stream' }),
        store.appendToStream('dup-record', numbered(1), {
          expectedVersion: 'any',
          records: [insert('k', 'second')],
        }),
        store.appendToStream('nul', numbered(1), {
          expectedVersion: 'no_stream',
          records: [insert('k\u0000', 'a query string cannot carry this key')],
        }),
        store.appendToStream('b', numbered(1), { expectedVersion: 'no_stream' }),
      ]);
      expect(results.map((r) => r.status)).toEqual([
        'fulfilled',
        'rejected',
        'rejected',
        'rejected',
        'fulfilled',
      ]);
      expect(reason(results[1]!)).toBeInstanceOf(DuplicateEventId);
      expect(reason(results[2]!)).toBeInstanceOf(DuplicateRecord);
      // As before group commit: the server refuses U+0000 in text, and only that append fails.
      expect(String(reason(results[3]!))).toMatch(/0x00/);
      for (const refused of ['dup-id', 'dup-record', 'nul']) {
        await expect(store.readStream(refused)).rejects.toBeInstanceOf(StreamNotFound);
      }
      expect((await store.readStream('a')).map((e) => e.version)).toEqual([1]);
      expect((await store.readStream('b')).map((e) => e.version)).toEqual([1]);
      expect((await store.getRecord('c', 'a'))?.value).toBe('kept');
      expect((await store.getRecord('c', 'k'))?.value).toBe('first');
    });

    it('applies updates inside a group only to records that exist', async () => {
      const store = await open({ concurrentCommits: 1 });
      await store.writeRecords([insert('old', 'v1'), insert('gone', 'v1')]);
      const results = await Promise.allSettled([
        store.appendToStream('x', numbered(1), {
          expectedVersion: 'no_stream',
          records: [{ op: 'delete', collection: 'c', key: 'gone' }],
        }),
        store.appendToStream('y', numbered(1), {
          expectedVersion: 'no_stream',
          records: [
            { op: 'update', collection: 'c', key: 'old', value: 'v2', sortKey: 's' },
            { op: 'update', collection: 'c', key: 'gone', value: 'v2' },
          ],
        }),
      ]);
      expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled']);
      expect(transactions(results).size).toBe(1);
      expect(await store.listRecords('c')).toEqual([
        { collection: 'c', key: 'old', sortKey: 's', value: 'v2' },
      ]);
    });

    it('fails an append whose insert is taken alone, and commits the rest of its group as one', async () => {
      const store = await open({ concurrentCommits: 1 });
      await store.writeRecords([insert('claimed', 'earlier')]);
      const remove: RecordWrite = { op: 'delete', collection: 'c', key: 'freed' };
      await store.writeRecords([insert('freed', 'to be deleted')]);
      const results = await Promise.allSettled([
        store.appendToStream('a', numbered(1), {
          expectedVersion: 'no_stream',
          records: [insert('claimed', 'again')],
        }),
        store.appendToStream('b', numbered(1), {
          expectedVersion: 'no_stream',
          records: [insert('fresh', 'b')],
        }),
        // Claimed by the append before it in the same group.
        store.appendToStream('c', numbered(1), {
          expectedVersion: 'no_stream',
          records: [insert('fresh', 'c')],
        }),
        // Deleted, then inserted again, by one append: free at its insert.
        store.appendToStream('d', numbered(1), {
          expectedVersion: 'no_stream',
          records: [remove, insert('freed', 'd')],
        }),
        store.appendToStream('e', numbered(1), { expectedVersion: 'no_stream' }),
      ]);
      expect(results.map((r) => r.status)).toEqual([
        'rejected',
        'fulfilled',
        'rejected',
        'fulfilled',
        'fulfilled',
      ]);
      expect(reason(results[0]!)).toEqual(new DuplicateRecord('c', 'claimed'));
      expect(reason(results[2]!)).toEqual(new DuplicateRecord('c', 'fresh'));
      // One transaction: the refused appends did not make the group fall back.
      expect(transactions(results).size).toBe(1);
      for (const refused of ['a', 'c']) {
        await expect(store.readStream(refused)).rejects.toBeInstanceOf(StreamNotFound);
      }
      expect((await store.getRecord('c', 'claimed'))?.value).toBe('earlier');
      expect((await store.getRecord('c', 'fresh'))?.value).toBe('b');
      expect((await store.getRecord('c', 'freed'))?.value).toBe('d');
    });

    it('checks everything again when another process moved a tip its own commits left', async () => {
      const store = await open({ concurrentCommits: 1 });
      const other = await open({ concurrentCommits: 1, schema: store.schemaName });
      for (const s of ['a', 'b', 'c']) {
        await store.appendToStream(s, numbered(1), { expectedVersion: 'no_stream' });
      }
      await other.appendToStream('b', numbered(1, 'Other'), { expectedVersion: 1 });
      await store.writeRecords([insert('taken', 'earlier')]);
      // Every append expects the tip the store last committed: the one-round-trip group,
      // which the database refuses (b moved, the key is taken), then the checked one.
      const results = await Promise.allSettled([
        store.appendToStream('a', numbered(1, 'A'), { expectedVersion: 1 }),
        store.appendToStream('b', numbered(1, 'B'), { expectedVersion: 1 }),
        store.appendToStream('c', numbered(1, 'C'), {
          expectedVersion: 1,
          records: [insert('taken', 'again')],
        }),
      ]);
      expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'rejected']);
      expect(reason(results[1]!)).toEqual(new WrongExpectedVersion('b', 1, 2));
      expect(reason(results[2]!)).toEqual(new DuplicateRecord('c', 'taken'));
      // Then on the tips the checked path left: one round trip, committed.
      await store.appendToStream('b', numbered(1, 'B'), { expectedVersion: 2 });
      await store.appendToStream('a', numbered(1, 'A2'), { expectedVersion: 2 });
      for (const [s, types] of [
        ['a', ['Numbered', 'A', 'A2']],
        ['b', ['Numbered', 'Other', 'B']],
        ['c', ['Numbered']],
      ] as const) {
        const events = await store.readStream(s);
        expect(events.map((e) => e.type)).toEqual(types);
        expect(await verifyStream(s, events)).toEqual({ ok: true, checked: types.length });
      }
      expect((await store.getRecord('c', 'taken'))?.value).toBe('earlier');
    });

    onRealServer(
      'never deadlocks when two processes group appends to the same streams in opposite orders',
      async () => {
        const first = await open({ concurrentCommits: 1 });
        const second = await open({ concurrentCommits: 1, schema: first.schemaName });
        const schema = first.schemaName;
        const streams = Array.from({ length: 8 }, (_, i) => `shared-${i}`);
        await Promise.all(
          streams.map((s) =>
            first.appendToStream(s, numbered(1), { expectedVersion: 'no_stream' }),
          ),
        );
        // Another session holds the middle stream, so that both groups are surely under way
        // (each holding some rows, waiting for others) before either can finish.
        const blocker = await rawClient();
        await blocker.query('BEGIN');
        await blocker.query(
          `SELECT 1 FROM "${schema}".streams WHERE stream_id = 'shared-4' FOR UPDATE`,
        );
        const append = (store: PostgresEventStore, order: string[]) =>
          Promise.allSettled(
            order.map((s) =>
              store.appendToStream(s, numbered(1), { expectedVersion: 'stream_exists' }),
            ),
          );
        const racing = Promise.all([
          append(first, streams),
          append(second, [...streams].reverse()),
        ]);
        await waitForLockWaiters(await rawClient(), schema, 2);
        await blocker.query('COMMIT');
        const [ours, theirs] = await racing;
        expect([...ours, ...theirs].every((r) => r.status === 'fulfilled')).toBe(true);
        // Each side is one group that committed as one: no deadlock made it fall back.
        expect([transactions(ours).size, transactions(theirs).size]).toEqual([1, 1]);
        for (const s of streams) {
          const events = await first.readStream(s);
          expect(await verifyStream(s, events)).toEqual({ ok: true, checked: 3 });
        }
      },
    );
  });
}

/**
 * Returns once `count` sessions wait for a lock in a statement on `schema` (other tests
 * share the server). Each check is a query: no sleeping. `session` must be outside a
 * transaction: pg_stat_activity is read once per transaction.
 */
async function waitForLockWaiters(session: Client, schema: string, count: number): Promise<void> {
  for (;;) {
    const { rows } = await session.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_stat_activity
       WHERE wait_event_type = 'Lock' AND strpos(query, $1) > 0`,
      [`"${schema}".streams`],
    );
    if (rows[0]!.n >= count) return;
  }
}
