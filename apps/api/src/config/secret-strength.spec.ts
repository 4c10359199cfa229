import { randomBytes } from 'node:crypto';
import { weakKeyReason } from './secret-strength';

describe('weakKeyReason', () => {
  it('accepts random 32-byte keys (a lone "<" or "..." among random bytes is no placeholder)', () => {
    // Before the fix about one random key in eight was refused: over 2,000 keys the chance
    // that this passed with the bug was (7/8)^2000, nil.
    const refused = Array.from({ length: 2_000 }, () => randomBytes(32)).filter(
      (key) => weakKeyReason(key) !== undefined,
    );
    expect(refused).toEqual([]);
    expect(weakKeyReason(Buffer.from('<32 bytes of key here, base64...>'))).toBeDefined();
  });

  it('still refuses a key that is placeholder text', () => {
    expect(weakKeyReason(Buffer.from('CHANGE-ME-change-me-CHANGE-ME-00'))).toBe(
      'is a published sample or placeholder value',
    );
  });
});
