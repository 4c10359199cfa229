import { leafSourceOf } from '../audit-log/event-leaf';
import { readsLeafSources } from '../audit-log/leaf-source';
import { comparePositions, START } from '../port/position';
import type { ContractHarness } from './contract-harness';
import { newEvent } from './sample-events';

export function globalOrderContract(h: () => ContractHarness): void {
  describe('global order', () => {
    it('reads all streams in append order with increasing positions, in pages', async () => {
      const { store } = h();
      const order: string[] = [];
      for (let i = 0; i < 12; i++) {
        const stream = ['a', 'b', 'c'][i % 3]!;
        await store.appendToStream(stream, [newEvent('E', { i })], { expectedVersion: 'any' });
        order.push(`${stream}:${i}`);
      }
      const all = await store.readAll();
      expect(all.map((e) => `${e.streamId}:${(e.data as { i: number }).i}`)).toEqual(order);
      for (let i = 1; i < all.length; i++) {
        expect(comparePositions(all[i - 1]!.globalPosition, all[i]!.globalPosition)).toBe(-1);
      }
      const paged = [];
      let checkpoint = START;
      for (;;) {
        const page = await store.readAll({ fromPosition: checkpoint, maxCount: 5 });
        if (page.length === 0) break;
        expect(page.length).toBeLessThanOrEqual(5);
        paged.push(...page);
        checkpoint = page[page.length - 1]!.globalPosition;
      }
      expect(paged).toEqual(all);
    });

    it('keeps the events of one append together and in order', async () => {
      const { store } = h();
      await store.appendToStream('x', [newEvent('X1'), newEvent('X2'), newEvent('X3')], {
        expectedVersion: 'any',
      });
      await store.appendToStream('y', [newEvent('Y1')], { expectedVersion: 'any' });
      const all = await store.readAll();
      expect(all.map((e) => e.type)).toEqual(['X1', 'X2', 'X3', 'Y1']);
    });

    it("reads the Merkle leaf fields (where the store has a narrow read) exactly as readAll's, in pages", async () => {
      const { store } = h();
      if (!readsLeafSources(store)) return; // read through readAll (merkle-log.ts)
      for (let i = 0; i < 9; i++) {
        const stream = ['a', 'b'][i % 2]!;
        await store.appendToStream(stream, [newEvent('E', { i }), newEvent('F', { i })], {
          expectedVersion: 'any',
        });
      }
      const all = await store.readAll();
      const fields = (from: typeof all) => from.map(leafSourceOf);
      expect(await store.readLeafSources({})).toEqual(fields(all));
      for (const [from, maxCount] of [
        [0, 5],
        [3, 4],
        [17, 10],
        [18, 1],
      ] as const) {
        const fromPosition = from === 0 ? START : all[from - 1]!.globalPosition;
        expect(await store.readLeafSources({ fromPosition, maxCount })).toEqual(
          fields(await store.readAll({ fromPosition, maxCount })),
        );
      }
    });

    it('reads nothing after the head position', async () => {
      const { store } = h();
      await store.appendToStream('x', [newEvent('X1')], { expectedVersion: 'any' });
      expect(await store.readAll({ fromPosition: await store.headPosition() })).toEqual([]);
    });
  });
}
