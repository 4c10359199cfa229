import { sealEvents } from '../append/seal-events';
import type { JsonValue, RecordedEvent } from '../port/envelope';
import { position } from '../port/position';
import { GENESIS_HASH } from './hash-chain';
import { storedHashMatches } from './stored-hash';

/** Events as a store returns them: sealed, positioned, and through a JSON round trip. */
function stored(data: readonly JsonValue[]): RecordedEvent[] {
  const sealed = sealEvents(
    'account-a',
    data.map((d) => ({ type: 'Thing', data: d, metadata: { actor: { id: 'u', roles: ['r'] } } })),
    { version: 0, hash: GENESIS_HASH },
    new Date('2025-01-01T00:00:00.000Z'),
  );
  return sealed.map((e, i) => ({
    ...(JSON.parse(JSON.stringify(e)) as Omit<RecordedEvent, 'globalPosition'>),
    globalPosition: position(BigInt(i + 1)),
  }));
}

describe('storedHashMatches', () => {
  const events = stored([{ amount: 1, note: 'é "quoted" \ud800' }, { zeta: [1, { b: 2, a: 1 }] }]);

  it('accepts what the store sealed', () => {
    expect(events.map(storedHashMatches)).toEqual([true, true]);
  });

  it('refuses a changed field of the content, and a changed link', () => {
    const [first, second] = events;
    const changed: RecordedEvent[] = [
      { ...first!, data: { amount: 2, note: 'é "quoted" \ud800' } },
      { ...first!, type: 'Other' },
      { ...first!, version: 2 },
      { ...first!, metadata: { ...first!.metadata, occurredAt: '2025-01-01T00:00:00.001Z' } },
      { ...second!, metadata: { ...second!.metadata, prevHash: GENESIS_HASH } },
    ];
    expect(changed.map(storedHashMatches)).toEqual([false, false, false, false, false]);
  });

  it('ignores what the hash does not cover: the position and the order of keys as stored', () => {
    const [, second] = events;
    const reordered = {
      ...second!,
      data: { zeta: [1, { a: 1, b: 2 }] },
      globalPosition: position(9n),
    };
    expect(storedHashMatches(reordered)).toBe(true);
  });

  it('throws on content with no JSON form', () => {
    const [first] = events;
    const broken = { ...first!, data: { amount: 1n } as unknown as JsonValue };
    expect(() => storedHashMatches(broken)).toThrow();
  });
});
