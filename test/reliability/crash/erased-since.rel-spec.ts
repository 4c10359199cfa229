import { erasedSince } from './erased-since';

describe('a replay after crypto-shredding (erasedSince)', () => {
  const original = { id: 'a', bankCard: { bankName: 'Example Bank', last4: '1111' }, tags: ['x'] };

  it('accepts personal text read as [erased] with everything else the same', () => {
    const replayed = { id: 'a', bankCard: { bankName: '[erased]', last4: '1111' }, tags: ['x'] };
    expect(erasedSince(original, replayed)).toBe(true);
  });

  it('refuses the same body (nothing erased), any other change, and a field gone or added', () => {
    expect(erasedSince(original, structuredClone(original))).toBe(false);
    const changed = { id: 'a', bankCard: { bankName: '[erased]', last4: '4444' }, tags: ['x'] };
    expect(erasedSince(original, changed)).toBe(false);
    const gone = { id: 'a', bankCard: { bankName: '[erased]' }, tags: ['x'] };
    expect(erasedSince(original, gone)).toBe(false);
    const added = {
      ...original,
      extra: 1,
      bankCard: { ...original.bankCard, bankName: '[erased]' },
    };
    expect(erasedSince(original, added)).toBe(false);
    expect(erasedSince({ n: 1 }, { n: '[erased]' })).toBe(false); // only text is sealed
  });
});
