import fc from 'fast-check';
import { asciiJson } from './ascii-json';

describe('asciiJson', () => {
  it('writes only ASCII, and the same value comes back from JSON.parse', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.constantFrom(undefined, 2), (value, indent) => {
        const text = asciiJson(value, indent);
        expect(/[\u0080-\uffff]/.test(text)).toBe(false);
        expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(value)));
      }),
      { numRuns: 500 },
    );
  });

  it('escapes characters beyond ASCII, surrogate pairs half by half', () => {
    expect(asciiJson({ note: 'Müller — 😀' })).toBe(
      '{"note":"M\\u00fcller \\u2014 \\ud83d\\ude00"}',
    );
    expect(JSON.parse(asciiJson({ note: 'Müller — 😀' }))).toEqual({ note: 'Müller — 😀' });
  });
});
