import { dictionaryCopy, withEntry } from './own-entry';

/**
 * How evolve writes the state's maps. {@link copyingEdit}, the default, copies a map for
 * every write, so a state handed out is never changed afterwards. A fold over many events
 * uses {@link transientEdit} instead: it copies a map the first time the fold writes it and
 * then writes that copy in place, so folding N events into a map of N entries costs N,
 * not N² (SPEC's top-up-heavy accounts, docs/domain.md). Nothing outside the fold ever
 * sees an intermediate state, so nothing can tell the difference.
 */
export interface MapEdit {
  /** `map` with `key` set to `value` (an own entry, even for `__proto__`). */
  set<V>(map: Readonly<Record<string, V>>, key: string, value: V): Record<string, V>;
  /** `map` without `key`. */
  remove<V>(map: Readonly<Record<string, V>>, key: string): Record<string, V>;
  /** `list` with `item` appended. */
  push<T>(list: readonly T[], item: T): T[];
  /** `list` without its first item. */
  shift<T>(list: readonly T[]): T[];
}

function withoutEntry<V>(map: Readonly<Record<string, V>>, key: string): Record<string, V> {
  // Keys that leave mean keys come and go: see dictionaryCopy.
  const copy = dictionaryCopy(map);
  delete copy[key];
  return copy;
}

export const copyingEdit: MapEdit = {
  set: withEntry,
  remove: withoutEntry,
  push: (list, item) => [...list, item],
  shift: (list) => list.slice(1),
};

/** Copy-on-first-write editing for one fold; see {@link MapEdit}. */
export function transientEdit(): MapEdit {
  const owned = new WeakSet<object>();
  const own = <T extends object>(copy: T): T => {
    owned.add(copy);
    return copy;
  };
  return {
    set(map, key, value) {
      if (!owned.has(map)) return own(withEntry(map, key, value));
      Object.defineProperty(map, key, {
        value,
        writable: true,
        enumerable: true,
        configurable: true,
      });
      return map as Record<string, typeof value>;
    },
    remove(map, key) {
      if (!owned.has(map)) return own(withoutEntry(map, key));
      delete (map as Record<string, unknown>)[key];
      return map as Record<string, never>;
    },
    push(list, item) {
      if (!owned.has(list)) return own([...list, item]);
      (list as (typeof item)[]).push(item);
      return list as (typeof item)[];
    },
    shift(list) {
      if (!owned.has(list)) return own(list.slice(1));
      (list as unknown[]).shift();
      return list as never[];
    },
  };
}
