/**
 * A key that every key starting with `prefix` sorts below (byte order of UTF-8, as the
 * SQL adapters compare keys): lets an adapter read a key prefix as an index range.
 */
export function keyPrefixBound(prefix: string): string {
  return `${prefix}\u{10FFFF}`;
}
