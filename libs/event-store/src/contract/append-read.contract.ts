import { validate as isUuid } from 'uuid';
import { GENESIS_HASH } from '../hash/hash-chain';
import { StreamNotFound } from '../port/errors';
import { comparePositions, START } from '../port/position';
import type { ContractHarness } from './contract-harness';
import { newEvent, numbered, TEST_ACTOR } from './sample-events';
import { FIXED_NOW } from './use-harness';

export function appendReadContract(h: () => ContractHarness): void {
  describe('append and read', () => {
    it('round-trips the envelope with defaults filled in', async () => {
      const { store } = h();
      const result = await store.appendToStream('order-1', [newEvent('Created', { a: 1 })], {
        expectedVersion: 'no_stream',
      });
      expect(result.nextExpectedVersion).toBe(1);
      const [event] = await store.readStream('order-1');
      expect(event).toMatchObject({
        streamId: 'order-1',
        version: 1,
        type: 'Created',
        schemaVersion: 1,
        data: { a: 1 },
        metadata: {
          actor: TEST_ACTOR,
          occurredAt: FIXED_NOW.toISOString(),
          prevHash: GENESIS_HASH,
        },
      });
      expect(isUuid(event!.eventId)).toBe(true);
      expect(event!.metadata.correlationId).toBe(event!.eventId);
      expect(event!.metadata.hash).toMatch(/^[0-9a-f]{64}$/);
      expect(result.events[0]).toEqual(event);
      expect(comparePositions(event!.globalPosition, START)).toBe(1);
    });

    it('keeps caller-given ids, metadata and schema versions', async () => {
      const { store } = h();
      const eventId = '0190a5f0-1111-7abc-8def-0123456789ab';
      const metadata = {
        actor: { id: 'u1', roles: ['operator', 'admin'] },
        occurredAt: '2025-12-31T23:59:59.999Z',
        correlationId: 'corr-1',
        causationId: 'cmd-1',
        idempotencyKey: 'idem-1',
        extra: { requestId: 'r-1' },
      };
      await store.appendToStream(
        's',
        [{ eventId, type: 'T', schemaVersion: 3, data: [1, 'x', null], metadata }],
        {
          expectedVersion: 'any',
        },
      );
      const [event] = await store.readStream('s');
      expect(event).toMatchObject({ eventId, schemaVersion: 3, data: [1, 'x', null], metadata });
    });

    it('round-trips unicode exactly', async () => {
      const { store } = h();
      const data = {
        text: 'Zürich 北京 🏦 مرحبا \u200d👩‍👩‍👧 \\ "quoted" \u2028',
        key: { ключ: 'значение' },
      };
      await store.appendToStream('unicode-流-🏦', [newEvent('Unicode', data)], {
        expectedVersion: 'no_stream',
      });
      const [event] = await store.readStream('unicode-流-🏦');
      expect(event!.data).toEqual(data);
      expect(event!.streamId).toBe('unicode-流-🏦');
    });

    it('round-trips a 1 MB payload', async () => {
      const { store } = h();
      const big = {
        blob: 'x'.repeat(1024 * 1024),
        list: Array.from({ length: 1000 }, (_, i) => i),
      };
      await store.appendToStream('big', [newEvent('Big', big)], { expectedVersion: 'no_stream' });
      const [event] = await store.readStream('big');
      expect(event!.data).toEqual(big);
    });

    it('appends zero events without creating the stream', async () => {
      const { store } = h();
      const result = await store.appendToStream('empty', [], { expectedVersion: 'no_stream' });
      expect(result.nextExpectedVersion).toBe(0);
      expect(result.events).toEqual([]);
      await expect(store.readStream('empty')).rejects.toBeInstanceOf(StreamNotFound);
      expect(await store.readAll()).toEqual([]);
    });

    it('throws StreamNotFound for a stream with no events', async () => {
      const { store } = h();
      await expect(store.readStream('missing')).rejects.toMatchObject({
        code: 'STREAM_NOT_FOUND',
        streamId: 'missing',
      });
    });

    it('numbers versions from 1 across appends and reads pages forwards and backwards', async () => {
      const { store } = h();
      await store.appendToStream('s', numbered(3), { expectedVersion: 'no_stream' });
      await store.appendToStream('s', numbered(4, 'Numbered', 3), { expectedVersion: 3 });
      const all = await store.readStream('s');
      expect(all.map((e) => e.version)).toEqual([1, 2, 3, 4, 5, 6, 7]);
      expect(all.map((e) => (e.data as { n: number }).n)).toEqual([0, 1, 2, 3, 4, 5, 6]);
      const page = await store.readStream('s', { fromVersion: 3, maxCount: 2 });
      expect(page.map((e) => e.version)).toEqual([3, 4]);
      const back = await store.readStream('s', { direction: 'backwards', maxCount: 3 });
      expect(back.map((e) => e.version)).toEqual([7, 6, 5]);
      const backFrom = await store.readStream('s', { direction: 'backwards', fromVersion: 2 });
      expect(backFrom.map((e) => e.version)).toEqual([2, 1]);
      expect(await store.readStream('s', { fromVersion: 99 })).toEqual([]);
    });

    it('reports the head position', async () => {
      const { store } = h();
      expect(await store.headPosition()).toEqual(START);
      const result = await store.appendToStream('s', numbered(2), { expectedVersion: 'any' });
      expect(await store.headPosition()).toEqual(result.position);
    });
  });
}
