import {
  DuplicateRecord,
  InvalidEventStoreInput,
  StreamNotFound,
  WrongExpectedVersion,
} from '../port/errors';
import type { TransactionalEventStore } from '../port/event-store';
import type { RecordWrite } from '../port/records';
import type { ContractHarness } from './contract-harness';
import { newEvent } from './sample-events';

const insert = (key: string, value: unknown, sortKey?: string): RecordWrite =>
  ({ op: 'insert', collection: 'c', key, value, sortKey }) as RecordWrite;

export function recordsContract(h: () => ContractHarness, noRecordsReason?: string): void {
  const title = 'records kept with appends';
  const describeRecords = noRecordsReason === undefined ? describe : describe.skip;
  describeRecords(noRecordsReason ? `${title} — skipped: ${noRecordsReason}` : title, () => {
    const store = () => h().store as TransactionalEventStore;

    it('writes records in the same transaction as the events', async () => {
      await store().appendToStream('s', [newEvent('E')], {
        expectedVersion: 'no_stream',
        records: [insert('k1', { a: 1 }, '2026-01-02')],
      });
      expect(await store().getRecord('c', 'k1')).toEqual({
        collection: 'c',
        key: 'k1',
        sortKey: '2026-01-02',
        value: { a: 1 },
      });
      expect(await store().getRecord('c', 'absent')).toBeUndefined();
    });

    it('writes neither events nor records when the expected version fails', async () => {
      await store().appendToStream('s', [newEvent('E')], { expectedVersion: 'no_stream' });
      await expect(
        store().appendToStream('s', [newEvent('E2')], {
          expectedVersion: 'no_stream',
          records: [insert('k', 1)],
        }),
      ).rejects.toBeInstanceOf(WrongExpectedVersion);
      expect(await store().getRecord('c', 'k')).toBeUndefined();
      expect(await store().readStream('s')).toHaveLength(1);
    });

    it('refuses an insert over an existing key and writes nothing of that append', async () => {
      await store().writeRecords([insert('k', 'first')]);
      await expect(
        store().appendToStream('s', [newEvent('E')], {
          expectedVersion: 'any',
          records: [insert('other', 2), insert('k', 'second')],
        }),
      ).rejects.toBeInstanceOf(DuplicateRecord);
      await expect(store().readStream('s')).rejects.toBeInstanceOf(StreamNotFound);
      expect(await store().getRecord('c', 'other')).toBeUndefined();
      expect((await store().getRecord('c', 'k'))?.value).toBe('first');
    });

    it('upserts, deletes and lists by sort key', async () => {
      await store().writeRecords([
        insert('b', 1, '2026-01-03'),
        insert('a', 2, '2026-01-01'),
        insert('n', 3),
        insert('c', 4, '2026-01-02'),
      ]);
      await store().writeRecords([
        { op: 'upsert', collection: 'c', key: 'a', value: 20, sortKey: '2026-01-05' },
        { op: 'delete', collection: 'c', key: 'c' },
      ]);
      expect((await store().listRecords('c')).map((r) => r.key)).toEqual(['b', 'a', 'n']);
      expect(
        (await store().listRecords('c', { sortKeyAtMost: '2026-01-04' })).map((r) => [
          r.key,
          r.value,
        ]),
      ).toEqual([['b', 1]]);
      expect((await store().listRecords('c', { limit: 1 })).map((r) => r.key)).toEqual(['b']);
      expect(await store().listRecords('other')).toEqual([]);
      await store().writeRecords([insert('ab-1', 5), insert('ab_2', 6), insert('a%', 7)]);
      expect((await store().listRecords('c', { keyPrefix: 'ab' })).map((r) => r.key)).toEqual([
        'ab-1',
        'ab_2',
      ]);
      expect((await store().listRecords('c', { keyPrefix: 'a%' })).map((r) => r.key)).toEqual([
        'a%',
      ]);
    });

    it('updates only a record that exists: an update never re-creates a deleted one', async () => {
      await store().writeRecords([insert('kept', 1, '2026-01-01'), insert('gone', 2)]);
      await store().writeRecords([{ op: 'delete', collection: 'c', key: 'gone' }]);
      await store().appendToStream('s', [newEvent('E')], {
        expectedVersion: 'any',
        records: [
          { op: 'update', collection: 'c', key: 'kept', value: { v: 10 }, confidential: true },
          { op: 'update', collection: 'c', key: 'gone', value: 20 },
        ],
      });
      await store().writeRecords([
        { op: 'update', collection: 'c', key: 'never', value: 30, sortKey: '2026-01-09' },
      ]);
      expect(await store().listRecords('c')).toEqual([
        { collection: 'c', key: 'kept', sortKey: null, value: { v: 10 } },
      ]);
    });

    it('pages through a collection by key with keyAfter', async () => {
      const keys = ['a', 'a:1', 'acc-2', 'b', 'b.9', 'z'];
      await store().writeRecords(keys.map((key, i) => insert(key, i)));
      const seen: string[] = [];
      let after: string | undefined;
      for (;;) {
        const page = await store().listRecords('c', {
          limit: 4,
          ...(after !== undefined ? { keyAfter: after } : {}),
        });
        seen.push(...page.map((r) => r.key));
        if (page.length < 4) break;
        after = page[page.length - 1]!.key;
      }
      expect(seen).toEqual(keys);
      expect(
        (await store().listRecords('c', { keyAfter: 'a', keyPrefix: 'a' })).map((r) => r.key),
      ).toEqual(['a:1', 'acc-2']);
      // A cursor through records without a sort key: those with one are not part of it.
      await store().writeRecords([insert('b.5', 'sorted', '2026-01-01')]);
      expect((await store().listRecords('c', { keyAfter: 'b' })).map((r) => r.key)).toEqual([
        'b.9',
        'z',
      ]);
      expect(await store().listRecords('c', { keyAfter: 'a', sortKeyAtMost: '2027' })).toEqual([]);
    });

    it('reads many keys at once: those that exist, of that collection only', async () => {
      await store().writeRecords([
        insert('k1', { a: 1 }, '2026-01-02'),
        insert('k2', 2),
        { op: 'insert', collection: 'other', key: 'k3', value: 3 },
      ]);
      const found = await store().getRecords!('c', ['k2', 'absent', 'k1', 'k3']);
      expect([...found].sort((a, b) => a.key.localeCompare(b.key))).toEqual([
        { collection: 'c', key: 'k1', sortKey: '2026-01-02', value: { a: 1 } },
        { collection: 'c', key: 'k2', sortKey: null, value: 2 },
      ]);
      expect(await store().getRecords!('c', [])).toEqual([]);
      await expect(store().getRecords!('c', ['ok', ''])).rejects.toThrow(InvalidEventStoreInput);
    });

    it('applies a batch of writes atomically', async () => {
      await store().writeRecords([insert('k', 1)]);
      await expect(store().writeRecords([insert('new', 1), insert('k', 2)])).rejects.toBeInstanceOf(
        DuplicateRecord,
      );
      expect(await store().getRecord('c', 'new')).toBeUndefined();
    });

    it.each([
      ['an empty key', [{ op: 'insert', collection: 'c', key: '', value: 1 }]],
      ['an unknown op', [{ op: 'merge', collection: 'c', key: 'k', value: 1 }]],
      ['a non-JSON value', [{ op: 'upsert', collection: 'c', key: 'k', value: () => 1 }]],
    ])('refuses %s', async (_label, writes) => {
      await expect(store().writeRecords(writes as RecordWrite[])).rejects.toBeInstanceOf(
        InvalidEventStoreInput,
      );
      expect(await store().listRecords('c')).toEqual([]);
    });

    it('keeps bytes beside the value through every write that stores a record', async () => {
      const bytes = Uint8Array.from([0, 1, 2, 255, 0]);
      await store().writeRecords([
        { op: 'insert', collection: 'c', key: 'i', value: { a: 1 }, bytes },
        { op: 'upsert', collection: 'c', key: 'u', value: null, bytes: bytes.subarray(1, 3) },
        { op: 'insert', collection: 'c', key: 'plain', value: 1 },
      ]);
      const bytesOf = async (key: string) => {
        const record = await store().getRecord('c', key);
        return record?.bytes && [...record.bytes];
      };
      expect(await bytesOf('i')).toEqual([0, 1, 2, 255, 0]);
      expect(await bytesOf('u')).toEqual([1, 2]);
      expect(await store().getRecord('c', 'plain')).toEqual({
        collection: 'c',
        key: 'plain',
        sortKey: null,
        value: 1,
      });
      expect(Object.keys((await store().getRecord('c', 'plain'))!)).not.toContain('bytes');
      expect((await store().listRecords('c', { keyPrefix: 'i' }))[0]?.bytes).toEqual(
        expect.any(Uint8Array),
      );
      // A later write replaces the bytes, or clears them when it has none.
      await store().writeRecords([
        { op: 'upsert', collection: 'c', key: 'i', value: 2, bytes: Uint8Array.of(7) },
        { op: 'update', collection: 'c', key: 'u', value: 3 },
      ]);
      expect(await bytesOf('i')).toEqual([7]);
      expect(await bytesOf('u')).toBeUndefined();
      expect((await store().getRecord('c', 'u'))?.value).toBe(3);
    });

    it("refuses bytes among an append's records: only writeRecords stores them", async () => {
      await expect(
        store().appendToStream('s', [newEvent('E')], {
          expectedVersion: 'any',
          records: [{ op: 'insert', collection: 'c', key: 'k', value: 1, bytes: Uint8Array.of(1) }],
        }),
      ).rejects.toBeInstanceOf(InvalidEventStoreInput);
      await expect(
        store().writeRecords([
          { op: 'upsert', collection: 'c', key: 'k', value: 1, bytes: 'AQ==' as never },
        ]),
      ).rejects.toBeInstanceOf(InvalidEventStoreInput);
      expect(await store().getRecord('c', 'k')).toBeUndefined();
    });

    it('refuses records on an append without events', async () => {
      await expect(
        store().appendToStream('s', [], { expectedVersion: 'any', records: [insert('k', 1)] }),
      ).rejects.toBeInstanceOf(InvalidEventStoreInput);
    });
  });
}
