import fc from 'fast-check';
import { hasDuplicateKey } from './duplicate-keys';

describe('duplicate keys in a JSON body', () => {
  it.each([
    '{"amount":1,"amount":2}',
    '{"a":{"b":1,"b":2}}',
    '[{"x":1},{"y":[{"z":1,"z":1}]}]',
    '{"amount":1,"\\u0061mount":2}',
    '{"a\\"b":1,"a\\"b":2}',
    '{ "note" : "x" , "note" : "y" }',
  ])('%s repeats a key', (text) => expect(hasDuplicateKey(text)).toBe(true));

  it.each([
    '{"amount":1,"note":"amount"}',
    '{"a":{"b":1},"b":{"a":1}}',
    '[{"a":1},{"a":2}]',
    '{"a":"\\"a\\":1,","b":["a","a"]}',
    '{"a":1,"b":{"a":2}}',
    '{}',
    '[]',
    'not json',
    '{"a":1,"a',
  ])('%s does not', (text) => expect(hasDuplicateKey(text)).toBe(false));

  it('agrees with a parse that counts keys (property)', () => {
    fc.assert(
      fc.property(fc.json(), (text) => {
        // JSON.stringify of a parsed value cannot repeat a key…
        expect(hasDuplicateKey(JSON.stringify(JSON.parse(text)))).toBe(false);
      }),
      { numRuns: 500 },
    );
    fc.assert(
      fc.property(
        fc.dictionary(fc.string(), fc.jsonValue(), { minKeys: 1 }),
        fc.jsonValue(),
        (object, value) => {
          // …and appending one of its own keys again always does.
          const key = Object.keys(object)[0]!;
          const text = `${JSON.stringify(object).slice(0, -1)},${JSON.stringify(key)}:${JSON.stringify(value)}}`;
          expect(hasDuplicateKey(text)).toBe(true);
        },
      ),
      { numRuns: 500 },
    );
  });
});
