import type { RecordStore } from '../port/records';
import { ACCESS_BY_ACCOUNT, ACCESS_COLLECTION, indexKey, seqKey } from './access-keys';
import { AccessLog } from './access-log';
import { computeAccessHash } from './access-record';

/** A store under test, and raw tampering with its access-log rows (bypassing AccessLog). */
export interface AccessLogHarness {
  readonly store: RecordStore;
  /** Deletes the chain record `seq` directly in the database. */
  deleteRecord(seq: number): Promise<void>;
  /** Rewrites the chain record `seq`'s accountId directly in the database. */
  alterRecord(seq: number, accountId: string): Promise<void>;
  dispose(): Promise<void>;
}

/** The access log's behaviour, run against each SQL adapter. */
export function accessLogCases(name: string, open: () => Promise<AccessLogHarness>): void {
  describe(`AccessLog (${name})`, () => {
    let harness: AccessLogHarness;
    let time: number;
    const now = () => new Date(time);
    beforeEach(async () => {
      harness = await open();
      time = Date.parse('2026-03-01T10:00:00.000Z');
    });
    afterEach(() => harness.dispose());

    const read = (accountId: string, actor = 'alice', what = 'getAccount') => ({
      actor,
      accountId,
      what,
      requestId: `req-${accountId}-${actor}`,
    });

    it('chains records 1, 2, 3… and verifies them', async () => {
      const log = new AccessLog(harness.store, { now });
      const [first] = await log.record([read('acc-1')]);
      time += 1000;
      const [second, third] = await log.record([read('acc-2'), read('acc-1', 'bob', 'stateAt')]);
      expect(first).toMatchObject({ seq: 1, prevHash: '0'.repeat(64), actor: 'alice' });
      expect(second!.prevHash).toBe(first!.hash);
      expect(third!.prevHash).toBe(second!.hash);
      expect(third!.hash).toBe(computeAccessHash(second!.hash, third!));
      expect(await log.check()).toEqual({ ok: true, checked: 3, headSeq: 3 });
      // A second process on the same store carries on the same chain.
      const other = new AccessLog(harness.store, { now });
      const [fourth] = await other.record([read('acc-3')]);
      expect(fourth).toMatchObject({ seq: 4, prevHash: third!.hash });
    });

    it('lists by account, actor and time, oldest first, in pages', async () => {
      const log = new AccessLog(harness.store, { now });
      for (let i = 0; i < 6; i++) {
        await log.record([read(i % 2 ? 'acc-odd' : 'acc-even', i < 3 ? 'alice' : 'bob')]);
        time += 60_000;
      }
      const odd = await log.list({ accountId: 'acc-odd' });
      expect(odd.items.map((r) => r.seq)).toEqual([2, 4, 6]);
      expect((await log.list({ actor: 'bob' })).items.map((r) => r.seq)).toEqual([4, 5, 6]);
      const window = await log.list({
        from: '2026-03-01T10:01:00Z',
        to: '2026-03-01T10:04:00Z',
      });
      expect(window.items.map((r) => r.seq)).toEqual([2, 3, 4]);
      const page1 = await log.list({ limit: 4 });
      expect(page1).toMatchObject({ nextAfter: 4 });
      const page2 = await log.list({ limit: 4, after: page1.nextAfter! });
      expect(page2.items.map((r) => r.seq)).toEqual([5, 6]);
      expect(page2.nextAfter).toBeNull();
      const both = await log.list({ accountId: 'acc-even', actor: 'bob', limit: 1 });
      expect(both.items.map((r) => r.seq)).toEqual([5]);
      expect(both.nextAfter).toBeNull();
    });

    it('never dates a record before the one before it (clock stepped back)', async () => {
      const log = new AccessLog(harness.store, { now });
      await log.record([read('acc-1')]);
      time -= 3_600_000;
      const [later] = await log.record([read('acc-1')]);
      expect(later!.at).toBe('2026-03-01T10:00:00.000Z');
    });

    it('shares one write among reads that arrive together', async () => {
      const log = new AccessLog(harness.store, { now });
      const records = await Promise.all(
        Array.from({ length: 20 }, (_, i) => log.record([read(`acc-${i}`)])),
      );
      expect(records.flat().map((r) => r.seq)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
      expect((await log.check()).ok).toBe(true);
    });

    it('refuses control characters and empty fields, writing nothing', async () => {
      const log = new AccessLog(harness.store, { now });
      await expect(log.record([read('acc\n1')])).rejects.toThrow(/accountId/);
      await expect(log.record([{ ...read('acc-1'), actor: '' }])).rejects.toThrow(/actor/);
      expect(await log.readHead()).toMatchObject({ seq: 0 });
    });

    it('finds a deleted record', async () => {
      const log = new AccessLog(harness.store, { now });
      await log.record([read('a'), read('b'), read('c')]);
      await harness.deleteRecord(2);
      expect(await log.check()).toEqual({
        ok: false,
        checked: 1,
        headSeq: 3,
        firstBad: { seq: 2, reason: 'missing (deleted)' },
      });
    });

    it('finds the last record deleted', async () => {
      const log = new AccessLog(harness.store, { now });
      await log.record([read('a'), read('b')]);
      await harness.deleteRecord(2);
      expect((await log.check()).firstBad).toEqual({ seq: 2, reason: 'missing (deleted)' });
    });

    it('finds an altered record', async () => {
      const log = new AccessLog(harness.store, { now });
      await log.record([read('a'), read('b'), read('c')]);
      await harness.alterRecord(2, 'someone-else');
      expect((await log.check()).firstBad).toEqual({
        seq: 2,
        reason: 'its hash does not match its content (altered)',
      });
    });

    it('finds a record removed from an index', async () => {
      const log = new AccessLog(harness.store, { now });
      await log.record([read('a'), read('b')]);
      await harness.store.writeRecords([
        { op: 'delete', collection: ACCESS_BY_ACCOUNT, key: indexKey('b', 2) },
      ]);
      expect((await log.check()).firstBad).toEqual({
        seq: 2,
        reason: `missing from ${ACCESS_BY_ACCOUNT}`,
      });
    });

    it('keeps no personal data: identifiers only', async () => {
      const log = new AccessLog(harness.store, { now });
      await log.record([read('acc-1')]);
      const stored = await harness.store.getRecord(ACCESS_COLLECTION, seqKey(1));
      expect(Object.keys(stored!.value as object).sort()).toEqual(
        ['accountId', 'actor', 'at', 'hash', 'prevHash', 'requestId', 'seq', 'what'].sort(),
      );
    });
  });
}
