import { inspect } from 'node:util';
import { KeyUnavailable } from './key-provider';
import { LocalKeyProvider } from './local-key-provider';

const K1 = { id: 'k1', key: Buffer.alloc(32, 1) };
const K2 = { id: 'k2', key: Buffer.alloc(32, 2) };
const DATA_KEY = Buffer.alloc(32, 7);

describe('LocalKeyProvider', () => {
  it('wraps with its first key and unwraps with any of them', async () => {
    const old = new LocalKeyProvider([K1]);
    const rotated = new LocalKeyProvider([K2, K1]);
    const before = await old.wrap(DATA_KEY, 'ctx');
    const after = await rotated.wrap(DATA_KEY, 'ctx');
    expect([before.keyId, after.keyId, await rotated.currentKeyId()]).toEqual(['k1', 'k2', 'k2']);
    expect(await rotated.unwrap(before, 'ctx')).toEqual(DATA_KEY);
    expect(await rotated.unwrap(after, 'ctx')).toEqual(DATA_KEY);
    // A fresh IV each time: the same key never wraps to the same text.
    expect((await rotated.wrap(DATA_KEY, 'ctx')).wrapped).not.toBe(after.wrapped);
    expect(after.wrapped).not.toContain(DATA_KEY.toString('base64url').slice(0, 10));
  });

  it.each([
    ['under another context', (w: { keyId: string; wrapped: string }) => [w, 'other ctx']],
    [
      'altered',
      (w: { keyId: string; wrapped: string }) => [
        { ...w, wrapped: `${w.wrapped.startsWith('A') ? 'B' : 'A'}${w.wrapped.slice(1)}` },
        'ctx',
      ],
    ],
    [
      'truncated',
      (w: { keyId: string; wrapped: string }) => [{ ...w, wrapped: w.wrapped.slice(0, 20) }, 'ctx'],
    ],
  ] as const)(
    'refuses a wrapped key %s with KeyUnavailable naming the key id',
    async (_l, change) => {
      const keys = new LocalKeyProvider([K1], 'ACCOUNT_OPS_MASTER_KEY');
      const [wrapped, context] = change(await keys.wrap(DATA_KEY, 'ctx')) as [
        { keyId: string; wrapped: string },
        string,
      ];
      const unwrapping = keys.unwrap(wrapped, context);
      await expect(unwrapping).rejects.toBeInstanceOf(KeyUnavailable);
      await expect(unwrapping).rejects.toMatchObject({
        keyId: 'k1',
        message: expect.stringMatching(/"k1" in ACCOUNT_OPS_MASTER_KEY does not unwrap/),
      });
    },
  );

  it('names a key id it does not hold, and the ones it does', async () => {
    const wrapped = await new LocalKeyProvider([K1]).wrap(DATA_KEY, 'ctx');
    await expect(new LocalKeyProvider([K2], 'ring').unwrap(wrapped, 'ctx')).rejects.toMatchObject({
      keyId: 'k1',
      message: expect.stringMatching(/"k1" is not in ring \(it holds "k2"\)/),
    });
  });

  it('shows no key material when logged or serialised', () => {
    const keys = new LocalKeyProvider([K1, K2]);
    const shown = `${JSON.stringify(keys)} ${inspect(keys, { showHidden: true, depth: 5 })}`;
    for (const { key } of [K1, K2]) {
      expect(shown).not.toContain(key.toString('hex').slice(0, 16));
      expect(shown).not.toContain(key.toString('base64').slice(0, 16));
    }
    expect(keys.keyIds).toEqual(['k1', 'k2']);
  });

  it('refuses an empty ring, a short key and a repeated id', () => {
    expect(() => new LocalKeyProvider([])).toThrow(/holds no key/);
    expect(() => new LocalKeyProvider([{ id: 'k', key: Buffer.alloc(16) }])).toThrow(/32 bytes/);
    expect(() => new LocalKeyProvider([K1, K1])).toThrow(/appears twice/);
  });
});
