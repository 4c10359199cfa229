import fc from 'fast-check';
import { FIELD_KINDS, refusedValue } from './field-values';
import { hostileString, PROTOTYPE_KEYS, UNICODE_EDGES } from './hostile-text';

/** A request body as bytes, with the Content-Type it is sent under. */
export interface HostileBody {
  readonly family: string;
  readonly body: string | Buffer;
  readonly contentType: string;
}

type Template = Readonly<Record<string, unknown>>;

const JSON_TYPE = 'application/json';
const json = (family: string, value: unknown): HostileBody => ({
  family,
  body: JSON.stringify(value),
  contentType: JSON_TYPE,
});

/**
 * `{"a":{"a":…}}` or `[[…]]` around `leaf` (JSON text), `depth` levels: far past the 32 a
 * body may nest. Built as text: JSON.stringify itself recurses.
 */
const deeply = (depth: number, leaf: string, asArray: boolean): string =>
  asArray
    ? `${'['.repeat(depth)}${leaf}${']'.repeat(depth)}`
    : `${'{"a":'.repeat(depth)}${leaf}${'}'.repeat(depth)}`;

/** `template` with one more key holding `valueText` (JSON text). */
const withRawKey = (template: Template, key: string, valueText: string): string => {
  const text = JSON.stringify(template);
  const pair = `${JSON.stringify(key)}:${valueText}`;
  return text === '{}' ? `{${pair}}` : `{${pair},${text.slice(1)}`;
};

/** One known field set to a value its kind never accepts. */
const badField = (fields: readonly string[], template: Template) =>
  fc
    .constantFrom(...fields)
    .chain((field) => refusedValue(FIELD_KINDS[field]!).map((value) => ({ field, value })))
    .map(({ field, value }) => json(`field ${field}`, { ...template, [field]: value }));

/** A key the route does not have: prototype pollution, unicode, injections. */
const extraKey = (fields: readonly string[], template: Template) =>
  fc
    .tuple(
      fc.oneof(
        fc.constantFrom(...PROTOTYPE_KEYS),
        fc.constantFrom(...UNICODE_EDGES),
        hostileString,
        fc.constantFrom('role', 'actor', 'roles', 'accountId ', 'Amount', ''),
      ),
      fc.jsonValue({ maxDepth: 3 }),
    )
    .filter(([key]) => !fields.includes(key))
    // A computed key makes `__proto__` an own property, which JSON.stringify then writes.
    .map(([key, value]) => json(`extra key`, { ...template, [key]: value }));

// Up to what fits in 16 kB: `[` costs 2 bytes a level, `{"a":` 6. Thousands of levels
// overflowed the stack of recursive walks downstream (a 500) before bodies were depth-checked.
const deepBody = (template: Template) =>
  fc
    .tuple(fc.boolean(), fc.boolean(), fc.integer({ min: 0, max: 1 }))
    .chain(([asArray, atRoot, extreme]) =>
      (extreme === 1
        ? fc.constant(asArray ? 7_000 : 2_500)
        : fc.integer({ min: 33, max: asArray ? 7_000 : 2_500 })
      ).map((depth) => ({
        family: 'deep nesting',
        body: atRoot
          ? deeply(depth, JSON.stringify(template), asArray)
          : withRawKey(template, 'nested', deeply(depth, '1', asArray)),
        contentType: JSON_TYPE,
      })),
    );

/** JSON whose root is not an object (strict parsing or validation refuses each). */
const notAnObject = (template: Template) =>
  fc
    .oneof(
      fc.constant<unknown>([template]),
      fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 3 }),
      fc.string(),
      fc.double({ noNaN: true, noDefaultInfinity: true }),
      fc.boolean(),
      fc.constant(null),
    )
    .map((value) => json('not an object', value));

function parses(body: Buffer): boolean {
  try {
    JSON.parse(body.toString('utf8'));
    return true;
  } catch {
    return false;
  }
}

/** Text that is not JSON, or bytes that are not UTF-8. */
const malformed = (template: Template) => {
  const text = JSON.stringify(template);
  return fc.oneof(
    fc.integer({ min: 1, max: Math.max(1, text.length - 1) }).map((cut) => ({
      family: 'truncated JSON',
      body: text.slice(0, cut),
      contentType: JSON_TYPE,
    })),
    fc
      .constantFrom(
        `${text.slice(0, -1)},}`,
        `{'note': 'x'}`,
        `{"note": NaN}`,
        `{"amount": Infinity}`,
        `{"amount": 0x10}`,
        `{"amount": +1}`,
        `{"amount": .5}`,
        `{"amount": 1_000}`,
        `/* c */ ${text}`,
        `${text} trailing`,
        `\uFEFF${text.slice(0, -1)}`,
        '{"a":1}{"b":2}',
      )
      .map((body) => ({ family: 'not JSON', body, contentType: JSON_TYPE })),
    // Invalid and overlong UTF-8 in a key (decoded to U+FFFD, the key is still unknown).
    fc
      .constantFrom(
        [0xc0, 0xaf],
        [0xe0, 0x80, 0xaf],
        [0xf0, 0x80, 0x80, 0xaf],
        [0xff, 0xfe],
        [0xed, 0xa0, 0x80],
      )
      .map((bytes) => ({
        family: 'invalid UTF-8',
        body: Buffer.concat([
          Buffer.from('{"'),
          Buffer.from(bytes),
          Buffer.from(`":1,${text.slice(1)}`),
        ]),
        contentType: JSON_TYPE,
      })),
    fc
      .uint8Array({ minLength: 1, maxLength: 64 })
      .map((bytes) => Buffer.concat([Buffer.from('{'), Buffer.from(bytes)]))
      // `{` + `}` (and a few more) is valid JSON, which a route may rightly accept.
      .filter((body) => !parses(body))
      .map((body) => ({ family: 'random bytes', body, contentType: JSON_TYPE })),
  );
};

/** Over the 16 kB body limit. */
const oversized = (template: Template) =>
  fc
    .integer({ min: 17 * 1024, max: 64 * 1024 })
    .map((size) => json('oversized', { ...template, pad: 'x'.repeat(size) }));

/** A valid body under a media type that is not JSON: refused (415), never ignored. */
const wrongType = (template: Template) =>
  fc
    .constantFrom(
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      'application/xml',
      'text/json',
      'application/jsonp',
      'application/json; charset=latin1',
      'application/json; charset=utf-16',
      '',
    )
    .map((contentType) => ({
      family: 'wrong media type',
      body: JSON.stringify(template),
      contentType,
    }));

/**
 * Bodies every write route must refuse, by family: each starts from the route's valid
 * template and breaks exactly one thing, so that a refusal is owed to that thing.
 */
export function bodyFamilies(
  fields: readonly string[],
  template: Template,
): ReadonlyArray<readonly [string, fc.Arbitrary<HostileBody>]> {
  return [
    ...(fields.length > 0 ? [['bad field value', badField(fields, template)] as const] : []),
    ['unknown or prototype key', extraKey(fields, template)],
    ['deep nesting', deepBody(template)],
    ['not an object', notAnObject(template)],
    ['malformed', malformed(template)],
    ['oversized', oversized(template)],
    ['wrong media type', wrongType(template)],
  ];
}

/**
 * Inputs that once got past the API (a 500, or a silently ignored key): sent to every
 * route on every run, whatever the generators draw.
 */
export function regressionBodies(fields: readonly string[], template: Template): HostileBody[] {
  const text = JSON.stringify(template);
  const raw = (family: string, body: string): HostileBody => ({
    family,
    body,
    contentType: JSON_TYPE,
  });
  return [
    raw('regression: 7000 nested arrays', deeply(7_000, text, true)),
    raw(
      'regression: 2500 nested objects',
      withRawKey(template, 'nested', deeply(2_500, '1', false)),
    ),
    raw('regression: prototype key', withRawKey(template, 'prototype', '{}')),
    raw('regression: __proto__ key', withRawKey(template, '__proto__', '{"isAdmin":true}')),
    raw(
      'regression: constructor.prototype',
      withRawKey(template, 'constructor', '{"prototype":{"isAdmin":true}}'),
    ),
    ...(fields.includes('amount')
      ? ['1e400', '9007199254740993', '-0', '1E-2'].map((token) =>
          raw('regression: amount token', text.replace(/"amount":\d+/, `"amount":${token}`)),
        )
      : []),
  ];
}
