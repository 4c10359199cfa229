import { GENESIS_HASH } from '../hash/hash-chain';
import { verifyStream } from '../hash/verify-stream';
import { type ContractHarness, itUnless } from './contract-harness';
import { numbered } from './sample-events';

export function hashChainContract(h: () => ContractHarness, noTamperReason?: string): void {
  describe('hash chain', () => {
    it('links every event to its predecessor across appends and verifies', async () => {
      const { store } = h();
      await store.appendToStream('chain', numbered(3), { expectedVersion: 'no_stream' });
      await store.appendToStream('chain', numbered(2, 'More'), { expectedVersion: 3 });
      const events = await store.readStream('chain');
      expect(events[0]!.metadata.prevHash).toBe(GENESIS_HASH);
      for (let i = 1; i < events.length; i++) {
        expect(events[i]!.metadata.prevHash).toBe(events[i - 1]!.metadata.hash);
      }
      expect(new Set(events.map((e) => e.metadata.hash)).size).toBe(5);
      expect(await verifyStream('chain', events)).toEqual({ ok: true, checked: 5 });
    });

    it('chains each stream on its own', async () => {
      const { store } = h();
      await store.appendToStream('a', numbered(2), { expectedVersion: 'no_stream' });
      await store.appendToStream('b', numbered(1), { expectedVersion: 'no_stream' });
      const [b1] = await store.readStream('b');
      expect(b1!.metadata.prevHash).toBe(GENESIS_HASH);
    });

    itUnless(noTamperReason)('finds the first tampered event', async () => {
      const { store, tamperData } = h();
      await store.appendToStream('victim', numbered(6), { expectedVersion: 'no_stream' });
      await tamperData('victim', 4);
      const events = await store.readStream('victim');
      const result = await verifyStream('victim', events);
      expect(result).toEqual({
        ok: false,
        checked: 4,
        firstBad: { version: 4, eventId: events[3]!.eventId, reason: 'hash_mismatch' },
      });
    });
  });
}
