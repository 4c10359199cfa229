import { parseRateLimit } from './rate-limits';

describe('parseRateLimit', () => {
  it.each([
    ['300/10s', { limit: 300, windowMs: 10_000 }],
    ['30/1m', { limit: 30, windowMs: 60_000 }],
    [' 5 / s ', { limit: 5, windowMs: 1000 }],
    ['1000/1H', { limit: 1000, windowMs: 3_600_000 }],
    ['10/500ms', { limit: 10, windowMs: 500 }],
  ])('reads %j', (text, expected) => {
    expect(parseRateLimit(text)).toEqual(expected);
  });

  it('reads off and nothing', () => {
    expect(parseRateLimit('off')).toBe(false);
    expect(parseRateLimit(undefined)).toBeUndefined();
    expect(parseRateLimit('  ')).toBeUndefined();
  });

  it.each(['300', '0/10s', '10/0s', '-1/1s', '1.5/1s', '10/10d', 'ten/1s', '10/1s/2'])(
    'refuses %j',
    (text) => {
      expect(() => parseRateLimit(text)).toThrow(/such as 300\/10s/);
    },
  );
});
