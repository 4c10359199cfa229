import { classifyTail } from './idempotent-retry';

const tip = (version: number, lastEventId?: string) => ({ version, lastEventId });

describe('classifyTail', () => {
  it('treats an empty stream or unrelated ids as a fresh append', () => {
    expect(classifyTail('any', tip(0), ['a'])).toEqual({ kind: 'fresh' });
    expect(classifyTail(3, tip(3, 'x'), ['a', 'b'])).toEqual({ kind: 'fresh' });
  });

  it.each([
    ['no_stream', 2],
    [0, 2],
    [3, 5],
    ['any', 5],
    ['stream_exists', 5],
  ] as const)(
    'sees a possible retry when expected %s held before the last %d… events',
    (expected, version) => {
      expect(classifyTail(expected, tip(version, 'b'), ['a', 'b'])).toEqual({
        kind: 'possible-retry',
        count: 2,
      });
    },
  );

  it.each([
    ['the last stored id is not the last new one', 'any', tip(5, 'a'), ['a', 'b']],
    ['the expected version did not hold before them', 5, tip(5, 'b'), ['a', 'b']],
    ['no_stream, but events preceded them', 'no_stream', tip(3, 'b'), ['a', 'b']],
    [
      'stream_exists, but they would have created the stream',
      'stream_exists',
      tip(2, 'b'),
      ['a', 'b'],
    ],
    ['more new events than stored ones', 'any', tip(1, 'b'), ['a', 'b']],
  ] as const)('refuses a reuse of the last stored id when %s', (_label, expected, t, ids) => {
    expect(classifyTail(expected, t, ids)).toEqual({ kind: 'duplicate', eventId: t.lastEventId });
  });
});
