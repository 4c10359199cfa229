import type { RecordedEvent } from '../port/envelope';
import type { Subscription } from '../port/event-store';
import { comparePositions } from '../port/position';
import type { ContractHarness } from './contract-harness';
import { numbered } from './sample-events';

/** Collects events from a subscription until `count` arrived, then stops it. */
async function take(subscription: Subscription, count: number): Promise<RecordedEvent[]> {
  const seen: RecordedEvent[] = [];
  for await (const event of subscription) {
    seen.push(event);
    if (seen.length === count) break;
  }
  await subscription.stop();
  return seen;
}

export function subscriptionContract(h: () => ContractHarness): void {
  describe('catch-up subscription', () => {
    it('delivers history then live events exactly once while writers append concurrently', async () => {
      const { store } = h();
      for (let s = 0; s < 5; s++)
        await store.appendToStream(`pre-${s}`, numbered(10), { expectedVersion: 'no_stream' });
      const subscription = store.subscribeToAll({ batchSize: 7 });
      const received = take(subscription, 50 + 4 * 25);
      const writers = Array.from({ length: 4 }, async (_, w) => {
        for (let i = 0; i < 25; i++) {
          await store.appendToStream(`live-${w}`, numbered(1, 'Live', i), { expectedVersion: i });
        }
      });
      await Promise.all(writers);
      const events = await received;
      expect(new Set(events.map((e) => e.eventId)).size).toBe(150);
      for (let i = 1; i < events.length; i++) {
        expect(comparePositions(events[i - 1]!.globalPosition, events[i]!.globalPosition)).toBe(-1);
      }
      expect(events).toEqual(await store.readAll());
    });

    it('resumes strictly after a checkpoint', async () => {
      const { store } = h();
      await store.appendToStream('s', numbered(20), { expectedVersion: 'no_stream' });
      const all = await store.readAll();
      const checkpoint = all[9]!.globalPosition;
      const events = await take(
        store.subscribeToAll({ fromPosition: checkpoint, batchSize: 4 }),
        10,
      );
      expect(events.map((e) => e.version)).toEqual([11, 12, 13, 14, 15, 16, 17, 18, 19, 20]);
    });

    it('waits for live events and ends when stopped', async () => {
      const { store } = h();
      const subscription = store.subscribeToAll();
      const iterator = subscription[Symbol.asyncIterator]();
      const next = iterator.next();
      await store.appendToStream('later', numbered(1), { expectedVersion: 'no_stream' });
      const first = await next;
      expect(first.done).toBe(false);
      expect(first.value.streamId).toBe('later');
      const pending = iterator.next();
      await subscription.stop();
      await expect(pending).resolves.toMatchObject({ done: true });
    });
  });
}
