import fc from 'fast-check';

/**
 * Building blocks of hostile text. Each is something a real client, a copy-paste or an
 * attacker sends: they go into bodies, headers, paths and query strings.
 */

/** Unicode that breaks naive handling: lone surrogates, direction overrides, invisibles. */
export const UNICODE_EDGES = [
  '\uD800', // lone high surrogate (not encodable as UTF-8)
  '\uDFFF', // lone low surrogate
  '\uDBFF\uDFFF', // the last code point, U+10FFFF
  '\u202E', // right-to-left override
  '\u200F', // right-to-left mark
  '\u200B', // zero-width space
  '\u200D', // zero-width joiner
  '\uFEFF', // byte-order mark
  '\u0301', // combining accent on nothing
  '\uFFFD', // the replacement character
  'ＡＢＣ１２３', // fullwidth forms (NFKC-equal to ASCII)
  'ﬁ', // a ligature
  '👩‍👩‍👧‍👦', // a ZWJ emoji sequence
  'İ', // changes length when lower-cased
  'ß', // changes length when upper-cased
] as const;

/** C0, DEL and C1 controls: refused in every free-text field. */
export const CONTROLS = [
  '\u0000',
  '\u0007',
  '\b',
  '\t',
  '\n',
  '\r',
  '\u001b',
  '\u007f',
  '\u0085',
  '\u009f',
] as const;

/** SQL, NoSQL, path and template fragments, for filters, ids and names. */
export const INJECTIONS = [
  "' OR '1'='1",
  "'; DROP TABLE events; --",
  '" OR ""="',
  '1; SELECT pg_sleep(10)',
  "' UNION SELECT key, value FROM records --",
  '%',
  '_',
  '\\',
  '$1',
  '{"$gt": ""}',
  '../../../../etc/passwd',
  '..%2F..%2F',
  '${7*7}',
  '{{7*7}}',
  '<script>alert(1)</script>',
  'null',
  'undefined',
  'NaN',
  '__proto__',
  'constructor',
  'prototype',
] as const;

/** Object keys that pollute prototypes or shadow built-ins when assigned naively. */
export const PROTOTYPE_KEYS = [
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'valueOf',
  'hasOwnProperty',
  '__defineGetter__',
  'isPrototypeOf',
] as const;

/** Strings mixing the fragments above with plain text. */
export const hostileString: fc.Arbitrary<string> = fc
  .array(
    fc.oneof(
      fc.constantFrom(...UNICODE_EDGES, ...CONTROLS, ...INJECTIONS),
      fc.string({ maxLength: 8 }),
      fc.string({ unit: 'grapheme', maxLength: 4 }),
    ),
    { minLength: 1, maxLength: 6 },
  )
  .map((parts) => parts.join(''));

/** Far longer than any field allows (the longest, a note, is 1000 characters). */
export const oversizedString: fc.Arbitrary<string> = fc
  .tuple(fc.constantFrom('x', 'é', '\u200B', '👍', "'"), fc.integer({ min: 1_001, max: 6_000 }))
  .map(([unit, length]) => unit.repeat(length));

/**
 * Text some free-text rule refuses: a control character, over 1000 characters, or a card
 * number. The control character sits between letters: at either end, trimming (which
 * free text gets first) would remove it and leave valid text.
 */
export const refusedText: fc.Arbitrary<string> = fc.oneof(
  fc
    .tuple(hostileString, fc.constantFrom(...CONTROLS), hostileString)
    .map(([a, control, b]) => `${a}x${control}x${b}`),
  oversizedString,
  fc.constantFrom('pay to 4111111111111111', 'card 5555-5555-5555-4444 please'),
);

/**
 * Percent-encodes like encodeURIComponent, but a lone surrogate (which that refuses) is
 * sent as the three bytes a careless encoder writes for it (WTF-8, e.g. %ED%A0%80).
 */
export function percentEncode(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    const isHigh = unit >= 0xd800 && unit <= 0xdbff;
    const next = text.charCodeAt(i + 1);
    if (isHigh && next >= 0xdc00 && next <= 0xdfff) {
      out += encodeURIComponent(text.slice(i, i + 2));
      i++;
    } else if (unit >= 0xd800 && unit <= 0xdfff) {
      const bytes = [0xe0 | (unit >> 12), 0x80 | ((unit >> 6) & 0x3f), 0x80 | (unit & 0x3f)];
      out += bytes.map((b) => `%${b.toString(16).toUpperCase()}`).join('');
    } else {
      out += encodeURIComponent(text[i]!);
    }
  }
  return out;
}
