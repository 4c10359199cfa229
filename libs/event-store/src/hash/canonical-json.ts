import canonicalize from 'canonicalize';
import { InvalidEventStoreInput } from '../port/errors';

const MAX_DEPTH = 64;

/**
 * Throws unless `value` is plain JSON (null, booleans, finite numbers, strings, arrays and
 * plain objects) that survives a JSON round trip unchanged: no undefined, functions,
 * bigints, NaN/Infinity, dates, class instances or cycles.
 */
export function assertJsonSafe(value: unknown, field: string): void {
  check(value, field, 0, new Set());
}

function check(value: unknown, path: string, depth: number, seen: Set<object>): void {
  if (depth > MAX_DEPTH) throw new InvalidEventStoreInput(`${path} is nested too deeply`, path);
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new InvalidEventStoreInput(`${path} is not finite`, path);
    return;
  }
  if (typeof value !== 'object') {
    throw new InvalidEventStoreInput(`${path} is a ${typeof value}, not JSON`, path);
  }
  if (seen.has(value)) throw new InvalidEventStoreInput(`${path} is circular`, path);
  seen.add(value);
  if (Array.isArray(value)) {
    value.forEach((item, i) => check(item, `${path}[${i}]`, depth + 1, seen));
  } else {
    // Plain means its prototype is some realm's Object.prototype (whose own prototype is
    // null) or null: objects cloned in another realm (workers, vm contexts) still pass.
    const proto: unknown = Object.getPrototypeOf(value);
    if (proto !== null && Object.getPrototypeOf(proto) !== null) {
      throw new InvalidEventStoreInput(`${path} is not a plain object`, path);
    }
    for (const [key, item] of Object.entries(value)) check(item, `${path}.${key}`, depth + 1, seen);
  }
  seen.delete(value);
}

/** RFC 8785 (JCS) canonical JSON: sorted keys, no whitespace, ES number formatting. */
export function canonicalJson(value: unknown): string {
  const text = canonicalize(value);
  if (text === undefined) throw new InvalidEventStoreInput('value has no JSON form', 'value');
  return text;
}
