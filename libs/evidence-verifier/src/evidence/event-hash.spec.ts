import canonicalize from 'canonicalize';
import fc from 'fast-check';
import { createHash } from 'node:crypto';
import { canonicalJson, eventHash, type ExportedEvent } from './event-hash';

/** Characters JSON escapes or orders specially, mixed with arbitrary code units. */
const char = fc.oneof(
  fc.constantFrom('"', '\\', '\n', '\t', '\u0000', '\u001f', '\u007f', '\u2028', '/', 'é'),
  fc.constantFrom('\ud800', '\udfff', '😀', 'Z', 'a', '0', '9', '_', ' ', '~'),
  fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code)),
);
const text = fc.string({ unit: char, maxLength: 10 });
const key = fc.oneof(text, fc.constantFrom('', '__proto__', '10', '9', '01', '-1', 'A', 'a'));
const number = fc.oneof(
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom(-0, 1e21, 1e-7, 2 ** 53, 5e-324, Number.MAX_VALUE, 0.1 + 0.2),
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

describe("the verifier's canonical JSON", () => {
  it('writes what the canonicalize library (RFC 8785) writes for any parsed JSON value', () => {
    fc.assert(
      fc.property(json, (value) => {
        const parsed: unknown = JSON.parse(JSON.stringify(value));
        expect(canonicalJson(parsed)).toBe(canonicalize(parsed));
      }),
      { numRuns: 3000 },
    );
  });

  it('leaves out undefined members, writes undefined items as null, refuses non-finite numbers', () => {
    expect(canonicalJson({ b: undefined, a: [undefined, 1] })).toBe('{"a":[null,1]}');
    expect(() => canonicalJson({ a: [Infinity] })).toThrow('non-finite');
  });

  it('hashes an event as SHA-256 of prevHash, a newline and the JCS of its content without its hashes', () => {
    const metadata = fc.dictionary(key, json, { maxKeys: 5 });
    fc.assert(
      fc.property(json, metadata, text, fc.integer({ min: 1 }), (data, extra, type, version) => {
        const event = JSON.parse(
          JSON.stringify({
            eventId: 'e-1',
            streamId: 'account-a',
            version,
            type,
            schemaVersion: 2,
            data,
            metadata: { ...extra, prevHash: 'ab'.repeat(32), hash: 'cd'.repeat(32) },
          }),
        ) as ExportedEvent;
        const { prevHash, hash: _hash, ...rest } = event.metadata;
        const content = { ...event, metadata: rest };
        const expected = createHash('sha256')
          .update(`${prevHash}\n${canonicalize(content)}`)
          .digest('hex');
        expect(eventHash(event)).toBe(expected);
      }),
      { numRuns: 1000 },
    );
  });
});
