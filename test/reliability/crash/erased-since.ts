import { ERASED_TEXT } from '@account-ops/accounts';

/**
 * Whether `replayed` is `original` with some of its text read as `[erased]` and nothing
 * else changed. A replay shows the state at the command's version through today's keys: once
 * the account was closed and its data key shredded, its personal fields read `[erased]` at
 * every version (crypto-shredding), so an early command's replay legitimately differs there.
 */
export function erasedSince(original: unknown, replayed: unknown): boolean {
  let erased = 0;
  const same = (a: unknown, b: unknown): boolean => {
    if (b === ERASED_TEXT && typeof a === 'string' && a !== ERASED_TEXT) {
      erased++;
      return true;
    }
    if (Array.isArray(a) || Array.isArray(b)) {
      return (
        Array.isArray(a) &&
        Array.isArray(b) &&
        a.length === b.length &&
        a.every((item, i) => same(item, b[i]))
      );
    }
    if (a !== null && b !== null && typeof a === 'object' && typeof b === 'object') {
      const keys = Object.keys(a);
      return (
        keys.length === Object.keys(b).length &&
        keys.every(
          (key) =>
            Object.hasOwn(b, key) &&
            same((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]),
        )
      );
    }
    return a === b;
  };
  return same(original, replayed) && erased > 0;
}
