import canonicalize from 'canonicalize';
import fc from 'fast-check';
import { sealEvents } from '../append/seal-events';
import { GENESIS_HASH, hashedContentOf } from './hash-chain';
import { fastCanonicalJson } from './fast-canonical-json';

/** Characters JSON escapes or orders specially, mixed with arbitrary code units. */
const char = fc.oneof(
  fc.constantFrom('"', '\\', '\n', '\t', '\u0000', '\u001f', '\u007f', '\u2028', '/', 'é'),
  fc.constantFrom('\ud800', '\udfff', '😀', 'Z', 'a', '0', '9', '_', ' ', '~'),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
  fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code)),
);
const text = fc.string({ unit: char, maxLength: 10 });
/** Keys: also array-index-like ones, which JS objects enumerate before the others. */
const key = fc.oneof(
  text,
  fc.constantFrom('', '__proto__', 'constructor', 'toJSON', '10', '9', '01', '-1', '1.5', 'A'),
);
const number = fc.oneof(
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom(-0, 1e21, 1e-7, 2 ** 53, -(2 ** 53) - 2, 5e-324, Number.MAX_VALUE, 0.1 + 0.2),
);
const { json } = fc.letrec<{ json: unknown }>((tie) => ({
  json: fc.oneof(
    { depthSize: 'small' },
    fc.constant(null),
    fc.boolean(),
    number,
    text,
    fc.array(tie('json'), { maxLength: 5 }),
    fc.dictionary(key, tie('json'), { maxKeys: 6 }),
  ),
}));

describe('fastCanonicalJson', () => {
  it('writes exactly what canonicalize writes, for any JSON value and its parsed copy', () => {
    fc.assert(
      fc.property(json, (value) => {
        expect(fastCanonicalJson(value)).toBe(canonicalize(value));
        const parsed: unknown = JSON.parse(JSON.stringify(value));
        expect(fastCanonicalJson(parsed)).toBe(canonicalize(parsed));
      }),
      { numRuns: 3000 },
    );
  });

  it('writes the hashed content of sealed envelopes exactly as canonicalize does', () => {
    fc.assert(
      fc.property(json, text, text, (data, type, note) => {
        const [event] = sealEvents(
          'account-x',
          [
            {
              type: type || 'T',
              data: data as never,
              metadata: { actor: { id: note, roles: ['a', note] }, extra: { note } },
            },
          ],
          { version: 0, hash: GENESIS_HASH },
          new Date(0),
        );
        const stored = JSON.parse(JSON.stringify({ ...event!, globalPosition: '1' }));
        const content = hashedContentOf(stored);
        expect(fastCanonicalJson(content)).toBe(canonicalize(content));
      }),
      { numRuns: 500 },
    );
  });

  it('gives canonicalize’s answer outside plain JSON too', () => {
    const fn = () => 1;
    const sparse: unknown[] = [1, , 3]; // eslint-disable-line no-sparse-arrays
    const leadingHole: unknown[] = [, 2]; // eslint-disable-line no-sparse-arrays
    const values: unknown[] = [
      undefined,
      fn,
      Symbol('s'),
      sparse,
      leadingHole,
      [undefined, Symbol('s'), fn],
      { a: undefined, b: Symbol('s'), c: fn, d: 1 },
      new Date(0),
      { nested: { toJSON: () => ({ z: 1, a: [2] }) } },
      { toJSON: 'not a function', b: 1 },
      Object.assign(Object.create(null) as object, { b: 1, a: 2 }),
    ];
    for (const value of values) expect(fastCanonicalJson(value)).toBe(canonicalize(value));
  });

  it('refuses what canonicalize refuses, with its error', () => {
    for (const value of [NaN, Infinity, { a: [-Infinity] }, { big: 1n }]) {
      expect(() => fastCanonicalJson(value)).toThrow(errorOf(() => canonicalize(value)));
    }
  });
});

function errorOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected an error');
}
