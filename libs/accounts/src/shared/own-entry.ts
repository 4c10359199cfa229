/**
 * Reads `map[key]` only when it is the map's own entry. Ids may legally be `constructor` or
 * `__proto__`, and a plain index would then return an inherited member instead of nothing.
 */
export function ownEntry<V>(map: Readonly<Record<string, V>>, key: string): V | undefined {
  return Object.hasOwn(map, key) ? map[key] : undefined;
}

/** A copy of `map` with `key` set; a computed key defines an own property even for `__proto__`. */
export function withEntry<V>(
  map: Readonly<Record<string, V>>,
  key: string,
  value: V,
): Record<string, V> {
  return { ...map, [key]: value };
}
