import { WrongExpectedVersion } from '../port/errors';
import type { ExpectedVersion } from '../port/expected-version';
import type { ContractHarness } from './contract-harness';
import { numbered } from './sample-events';

interface Case {
  readonly existing: number;
  readonly expected: ExpectedVersion;
  readonly ok: boolean;
}

const CASES: Case[] = [
  { existing: 0, expected: 'no_stream', ok: true },
  { existing: 0, expected: 0, ok: true },
  { existing: 0, expected: 'any', ok: true },
  { existing: 0, expected: 'stream_exists', ok: false },
  { existing: 0, expected: 1, ok: false },
  { existing: 2, expected: 'no_stream', ok: false },
  { existing: 2, expected: 0, ok: false },
  { existing: 2, expected: 2, ok: true },
  { existing: 2, expected: 1, ok: false },
  { existing: 2, expected: 3, ok: false },
  { existing: 2, expected: 'any', ok: true },
  { existing: 2, expected: 'stream_exists', ok: true },
];

export function expectedVersionContract(h: () => ContractHarness): void {
  describe('expected version', () => {
    it.each(CASES)(
      'stream at $existing, expected $expected → ok: $ok',
      async ({ existing, expected, ok }) => {
        const { store } = h();
        if (existing > 0)
          await store.appendToStream('s', numbered(existing), { expectedVersion: 'no_stream' });
        const attempt = store.appendToStream('s', numbered(1, 'Next'), {
          expectedVersion: expected,
        });
        if (ok) {
          await expect(attempt).resolves.toMatchObject({ nextExpectedVersion: existing + 1 });
        } else {
          const error = await attempt.then(
            () => undefined,
            (e: unknown) => e,
          );
          expect(error).toBeInstanceOf(WrongExpectedVersion);
          expect(error).toMatchObject({ streamId: 's', expected, actual: existing });
          const stored = existing > 0 ? await store.readStream('s') : [];
          expect(stored).toHaveLength(existing);
        }
      },
    );

    it('lets exactly one of 100 concurrent appends at the same expected version win', async () => {
      const { store } = h();
      await store.appendToStream('hot', numbered(1), { expectedVersion: 'no_stream' });
      const attempts = Array.from({ length: 100 }, (_, i) =>
        store.appendToStream('hot', numbered(2, `Writer${i}`), { expectedVersion: 1 }),
      );
      const results = await Promise.allSettled(attempts);
      const winners = results.filter((r) => r.status === 'fulfilled');
      const losers = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
      expect(winners).toHaveLength(1);
      expect(losers).toHaveLength(99);
      losers.forEach((r) => expect(r.reason).toBeInstanceOf(WrongExpectedVersion));
      losers.forEach((r) => expect(r.reason).toMatchObject({ expected: 1, actual: 3 }));
      const stream = await store.readStream('hot');
      expect(stream.map((e) => e.version)).toEqual([1, 2, 3]);
      expect(new Set(stream.slice(1).map((e) => e.type)).size).toBe(1);
    });

    it('serialises concurrent appends with expected version any without losing one', async () => {
      const { store } = h();
      await Promise.all(
        Array.from({ length: 50 }, (_, i) =>
          store.appendToStream('shared', numbered(1, 'Any', i), { expectedVersion: 'any' }),
        ),
      );
      const stream = await store.readStream('shared');
      expect(stream.map((e) => e.version)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
      expect(new Set(stream.map((e) => (e.data as { n: number }).n)).size).toBe(50);
    });
  });
}
