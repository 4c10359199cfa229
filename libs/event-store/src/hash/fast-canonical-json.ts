import canonicalize from 'canonicalize';

/** Characters JSON.stringify escapes in a string: quote, backslash, controls, surrogates. */
// eslint-disable-next-line no-control-regex -- matching them is the point
const NEEDS_ESCAPE = /[\u0000-\u001f"\\\ud800-\udfff]/;

/**
 * The same text as the `canonicalize` library (RFC 8785, JCS), about twice as fast, for
 * re-hashing every stored event when a store is verified. `canonicalize` itself stays the
 * reference (events are sealed with it), and this one is held to it character for
 * character by a property test over arbitrary JSON values.
 *
 * Where the time goes in `canonicalize`: a `reduce` with a template string per member and
 * a JSON.stringify call per key and per string. Here, members are appended in a loop,
 * keys are sorted in place (insertion sort: objects are small; `<` compares UTF-16 code
 * units exactly as `sort()` does), and strings that need no escaping are quoted directly.
 * Anything outside plain JSON (non-finite numbers, bigints, functions, `toJSON`) is
 * handed to `canonicalize`, so even those give its answer (or its error).
 */
export function fastCanonicalJson(value: unknown): string | undefined {
  switch (typeof value) {
    case 'string':
      return quote(value);
    case 'number':
      // Number-to-string is what JSON.stringify (and so JCS) writes for a finite number.
      return Number.isFinite(value) ? String(value) : canonicalize(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object':
      if (value === null) return 'null';
      if ((value as { toJSON?: unknown }).toJSON instanceof Function) return canonicalize(value);
      return Array.isArray(value)
        ? writeArray(value)
        : writeObject(value as Record<string, unknown>);
    default:
      return canonicalize(value);
  }
}

function quote(text: string): string {
  return NEEDS_ESCAPE.test(text) ? JSON.stringify(text) : `"${text}"`;
}

/**
 * Quoted keys, remembered: every event of a type has the same few keys, and JSON.parse
 * interns property names, so the lookup finds them by their cached hash. Bounded, so
 * that a store full of distinct keys cannot grow it without limit.
 */
const quotedKeys = new Map<string, string>();
const MAX_QUOTED_KEYS = 10_000;

function quoteKey(key: string): string {
  let quoted = quotedKeys.get(key);
  if (quoted === undefined) {
    quoted = quote(key);
    if (quotedKeys.size < MAX_QUOTED_KEYS) quotedKeys.set(key, quoted);
  }
  return quoted;
}

/** As `canonicalize`: holes are skipped (it uses `reduce`), undefined and symbols are null. */
function writeArray(items: readonly unknown[]): string {
  let out = '[';
  for (let i = 0; i < items.length; i++) {
    if (!(i in items)) continue;
    const item = items[i];
    if (i > 0) out += ',';
    // `+` writes an undefined answer (a function) as "undefined", as its template string does.
    out += item === undefined || typeof item === 'symbol' ? 'null' : fastCanonicalJson(item);
  }
  return out + ']';
}

/**
 * Members sorted by key; members whose value is undefined or a symbol are left out, and
 * so are the `omitted` keys (an envelope's metadata is hashed without its hashes).
 */
export function writeObject(
  object: Record<string, unknown>,
  omitted?: ReadonlySet<string>,
): string {
  const keys = sortInPlace(Object.keys(object));
  let out = '{';
  let first = true;
  for (const key of keys) {
    const item = object[key];
    if (item === undefined || typeof item === 'symbol' || omitted?.has(key)) continue;
    if (first) first = false;
    else out += ',';
    out += quoteKey(key) + ':' + fastCanonicalJson(item);
  }
  return out + '}';
}

function sortInPlace(keys: string[]): string[] {
  for (let i = 1; i < keys.length; i++) {
    const key = keys[i]!;
    let j = i - 1;
    while (j >= 0 && keys[j]! > key) {
      keys[j + 1] = keys[j]!;
      j--;
    }
    keys[j + 1] = key;
  }
  return keys;
}
