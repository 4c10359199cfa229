import fc from 'fast-check';
import { containsCardNumber, digitRuns } from './card-number-in-text';
import { passesLuhn } from './pan';

/** A Luhn-valid PAN of `length` digits starting with `prefix`. */
function withCheckDigit(body: string): string {
  for (let d = 0; d <= 9; d++) if (passesLuhn(`${body}${d}`)) return `${body}${d}`;
  throw new Error('unreachable');
}

const pan = fc
  .tuple(
    fc.constantFrom('4', '51', '55', '2221', '34', '37', '6011', '62', '35', '36', '9'),
    fc.integer({ min: 12, max: 19 }),
    fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 19, maxLength: 19 }),
  )
  .map(([prefix, length, digits]) =>
    withCheckDigit(`${prefix}${digits.join('')}`.slice(0, length - 1)),
  );

/** What people and attackers put between digits. */
const SEPARATORS = [
  ' ',
  '-',
  '.',
  '/',
  '\\',
  '_',
  '  ',
  ' - ',
  '\u00a0',
  '\u3000',
  '\u2013',
  '\u2014',
  '\u2212',
  '\u00b7',
  '\u200b',
  '\u200c',
  '\u200d',
  '\u2060',
  '\ufeff',
  '\u00ad',
  '\u202e',
  '\u2066',
  '\u0301',
  '\uff0d',
  '\uff0e',
  '\uff0f',
  '\t',
  '\n',
];

/** Digits written in other forms: NFKC folds the first four, the last two are other scripts. */
const DIGIT_FORMS: ReadonlyArray<(d: number) => string> = [
  (d) => String(d),
  (d) => String.fromCodePoint(0xff10 + d), // full-width
  (d) => String.fromCodePoint(0x1d7ce + d), // mathematical bold
  (d) => (d === 0 ? '\u24ea' : String.fromCodePoint(0x2460 + d - 1)), // circled
  (d) => String.fromCodePoint(0x0660 + d), // Arabic-Indic
  (d) => String.fromCodePoint(0x0966 + d), // Devanagari
];

/** A PAN written with any grouping, separators, digit forms and surrounding words. */
const panInText = fc
  .record({
    pan,
    form: fc.integer({ min: 0, max: DIGIT_FORMS.length - 1 }),
    mixedForms: fc.boolean(),
    cuts: fc.array(fc.boolean(), { minLength: 19, maxLength: 19 }),
    separators: fc.array(fc.constantFrom(...SEPARATORS), { minLength: 19, maxLength: 19 }),
    before: fc.constantFrom('', 'card ', 'pay to: ', 'Karte Nr. ', '卡号', '(', 'x'),
    after: fc.constantFrom('', ' ok', ' exp 12/27', ')', '!', ' — thanks'),
  })
  .map(({ pan: digits, form, mixedForms, cuts, separators, before, after }) => {
    const text = [...digits]
      .map((digit, i) => {
        const write = DIGIT_FORMS[mixedForms ? (form + i) % DIGIT_FORMS.length : form]!;
        return `${write(Number(digit))}${i < digits.length - 1 && cuts[i] ? separators[i] : ''}`;
      })
      .join('');
    return { pan: digits, text: `${before}${text}${after}` };
  });

describe('a card number in free text, whatever separates its digits', () => {
  it('is found in every format (property)', () => {
    fc.assert(
      fc.property(panInText, ({ pan: digits, text }) => {
        expect({ text, found: containsCardNumber(text) }).toEqual({ text, found: true });
        expect(digitRuns(text)).toContain(digits);
      }),
      { numRuns: 2_000 },
    );
  });

  it.each([
    ['dots', 'refund to 4111.1111.1111.1111 please'],
    ['full-width digits', '４１１１１１１１１１１１１１１１'],
    [
      'zero-width spaces',
      '4\u200b1\u200b1\u200b1\u200b1\u200b1\u200b1\u200b1\u200b1\u200b1\u200b1\u200b1\u200b1\u200b1\u200b1\u200b1',
    ],
    ['slashes and underscores', '4111/1111_1111/1111'],
    ['soft hyphens', '4111\u00ad1111\u00ad1111\u00ad1111'],
    ['the plain form', '5105105105105100'],
  ])('is found written with %s', (_, text) => expect(containsCardNumber(text)).toBe(true));

  it.each([
    ['a digit changed (Luhn fails)', '4111 1111 1111 1112'],
    ['11 digits', '4111 1111 111'],
    ['20 digits', '4111 1111 1111 1111 0000'],
    ['a letter between the groups', '4111 1111 x 1111 1111'],
    ['no digits', 'nothing to see'],
  ])('is not found with %s', (_, text) => expect(containsCardNumber(text)).toBe(false));
});

/** Text a note or a reason ordinarily holds. The refusal rate over it is the cost of the rule. */
const pad = (n: number, width: number) => String(n).padStart(width, '0');
const ORDINARY: Record<string, fc.Arbitrary<string>> = {
  dates: fc
    .tuple(
      fc.integer({ min: 1990, max: 2040 }),
      fc.integer({ min: 1, max: 12 }),
      fc.integer({ min: 1, max: 28 }),
      fc.constantFrom('iso', 'eu', 'us', 'dotted', 'range'),
    )
    .map(([y, m, d, style]) => {
      const iso = `${y}-${pad(m, 2)}-${pad(d, 2)}`;
      if (style === 'eu') return `due ${pad(d, 2)}/${pad(m, 2)}/${y}`;
      if (style === 'us') return `on ${m}/${d}/${y}`;
      if (style === 'dotted') return `am ${pad(d, 2)}.${pad(m, 2)}.${y}`;
      if (style === 'range') return `from ${iso} until ${y}-${pad(m, 2)}-28`;
      return `since ${iso}`;
    }),
  times: fc
    .tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }), fc.boolean())
    .map(([h, m, iso]) =>
      iso ? `2026-12-06T${pad(h, 2)}:${pad(m, 2)}:00Z` : `called at ${pad(h, 2)}:${pad(m, 2)}`,
    ),
  'phone numbers': fc
    .tuple(
      fc.constantFrom('+44 20', '+49 30', '+33 1', '+1 212', '+31 20', '+86 138', '020', '030'),
      fc.integer({ min: 1_000_000, max: 99_999_999 }),
      fc.boolean(),
    )
    .map(([area, n, grouped]) => {
      const digits = String(n);
      const local = grouped ? `${digits.slice(0, 4)} ${digits.slice(4)}` : digits;
      return `call ${area} ${local}`;
    }),
  IBANs: fc
    .tuple(
      fc.constantFrom('DE', 'GB', 'FR', 'NL', 'ES', 'IT'),
      fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 18, maxLength: 18 }),
    )
    .map(([country, digits]) => {
      const d = digits.join('');
      const body =
        country === 'GB'
          ? `NWBK${d.slice(0, 14)}`
          : country === 'NL'
            ? `ABNA${d.slice(0, 10)}`
            : country === 'IT'
              ? `X${d.slice(0, 10)}${d.slice(0, 12)}`
              : d;
      const iban = `${country}${d.slice(16, 18)}${body}`;
      return `pay to ${iban.replace(/(.{4})/g, '$1 ').trim()}`;
    }),
  amounts: fc
    .tuple(fc.integer({ min: 1, max: 99_999_999 }), fc.constantFrom('en', 'de', 'plain'))
    .map(([cents, style]) => {
      const units = Math.floor(cents / 100);
      const rest = pad(cents % 100, 2);
      if (style === 'en') return `EUR ${units.toLocaleString('en-GB')}.${rest}`;
      if (style === 'de') return `${units.toLocaleString('de-DE')},${rest} €`;
      return `${cents} cents`;
    }),
  'order numbers': fc
    .tuple(fc.integer({ min: 1, max: 9_999_999 }), fc.constantFrom('ORD', 'INV', '#', 'ticket'))
    .map(([n, prefix]) =>
      prefix === '#' ? `order #${n}` : `${prefix}-2026-${pad(n, 7)} refunded`,
    ),
};

const MAX_RATE: Record<string, number> = { 'phone numbers': 0.1, IBANs: 0.05 };

describe('ordinary text passes', () => {
  const SAMPLES = 2_000;
  const rates: Record<string, number> = {};

  it.each(Object.keys(ORDINARY))('%s are rarely refused', (kind) => {
    const texts = fc.sample(ORDINARY[kind]!, { numRuns: SAMPLES, seed: 24 });
    const refused = texts.filter(containsCardNumber).length;
    rates[kind] = refused / SAMPLES;
    // Long international phone numbers, and IBANs whose digits after the bank code are
    // 12–19 long (GB, IT), are such runs once their spaces go: one in ten passes Luhn by
    // chance. Dates, times, amounts and order numbers are never refused.
    expect(rates[kind]).toBeLessThanOrEqual(MAX_RATE[kind] ?? 0);
  });

  afterAll(() => {
    // The false-positive rate, reported (docs/domain.md quotes it).
    const report = Object.entries(rates)
      .map(([kind, rate]) => `${kind}: ${(rate * 100).toFixed(2)}%`)
      .join(', ');
    process.stdout.write(`card-number-in-text false positives over ${SAMPLES} each: ${report}\n`);
  });
});
