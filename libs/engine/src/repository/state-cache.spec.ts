import { StateCache } from './state-cache';

describe('StateCache', () => {
  it('evicts the least recently used entry beyond its capacity', () => {
    const cache = new StateCache<number>(2);
    cache.set('a', 1);
    cache.set('b', 2);
    expect(cache.get('a')).toBe(1);
    cache.set('c', 3);
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBe(1);
    expect(cache.get('c')).toBe(3);
    expect(cache.size).toBe(2);
  });

  it('replaces the value of a key without growing', () => {
    const cache = new StateCache<number>(2);
    cache.set('a', 1);
    cache.set('a', 2);
    expect(cache.get('a')).toBe(2);
    expect(cache.size).toBe(1);
  });
});

describe('StateCache with weights', () => {
  const byLength = () => new StateCache<string>(10, (s) => s.length);

  it('evicts least recently used entries until the total weight fits', () => {
    const cache = byLength();
    cache.set('a', 'xxxx');
    cache.set('b', 'xxxx');
    cache.get('a');
    cache.set('c', 'xxxx');
    expect([cache.get('a'), cache.get('b'), cache.get('c')]).toEqual(['xxxx', undefined, 'xxxx']);
    expect(cache.weight).toBe(8);
  });

  it('re-weighs an entry that grew, and stays within the bound', () => {
    const cache = byLength();
    cache.set('a', 'xx');
    cache.set('b', 'xx');
    cache.set('a', 'xxxxxxxxx');
    expect(cache.get('b')).toBeUndefined();
    expect(cache.weight).toBe(9);
  });

  it('keeps the newest entry even when it alone is heavier than the bound', () => {
    const cache = byLength();
    cache.set('a', 'x'.repeat(50));
    expect(cache.get('a')).toHaveLength(50);
    expect(cache.size).toBe(1);
  });
});
