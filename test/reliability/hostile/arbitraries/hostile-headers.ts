import fc from 'fast-check';
import { IDEMPOTENCY_KEY_PATTERN } from '../../../../apps/api/src/commands/write-context';
import type { RawRequest } from '../../http/raw-http';
import { hostileString, INJECTIONS, UNICODE_EDGES } from './hostile-text';

type Header = readonly [string, string | Buffer];

/** A well-formed request to a route; each family breaks one header of it. */
export interface HeaderContext {
  readonly request: RawRequest;
  /** The caller's real key (absent on public routes). */
  readonly apiKey?: string;
  readonly write: boolean;
}

/** An operator's request that needs a second factor, and the codes that are (not) it. */
export interface StepUpContext {
  readonly request: RawRequest;
  /** Codes a hostile X-Step-Up-Code must not be: the right ones for now (with drift). */
  readonly validCodes: readonly string[];
  /** Real TOTP codes that are still wrong here: another actor's, an old one, a future one. */
  readonly wrongCodes: readonly string[];
}

const bytes = (...parts: Array<string | readonly number[]>) =>
  Buffer.concat(
    parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'utf8') : Buffer.from([...p]))),
  );

const replace = (
  request: RawRequest,
  name: string,
  values: readonly (string | Buffer)[],
): RawRequest => ({
  ...request,
  headers: [
    ...(request.headers ?? []).filter(([n]) => n.toLowerCase() !== name.toLowerCase()),
    ...values.map((value): Header => [name, value]),
  ],
});

/** Authorization that names no configured key: absent, mangled, another scheme, control bytes. */
function authorization(ctx: HeaderContext): fc.Arbitrary<RawRequest> {
  const key = ctx.apiKey!;
  const values: fc.Arbitrary<readonly (string | Buffer)[]> = fc.oneof(
    fc.constant([]),
    fc
      .constantFrom(
        '',
        'Bearer',
        'Bearer ',
        key,
        `Basic ${Buffer.from(`${key}:`).toString('base64')}`,
        `Basic ${key}`,
        `Token ${key}`,
        `Bearer ${key}x`,
        `Bearer x${key}`,
        `Bearer ${key.slice(0, -1)}`,
        `Bearer ${key.toUpperCase()}`,
        `Bearer ${key} ${key}`,
        `Bearer ${'k'.repeat(8_000)}`,
        `Bearer ' OR '1'='1`,
      )
      .map((v) => [v]),
    hostileString.map((v) => [bytes('Bearer ', v)]),
    fc.constantFrom(...UNICODE_EDGES).map((v) => [bytes(`Bearer ${key}`, v)]),
    // Raw bytes Node's parser refuses (NUL, CR without LF) or reads as Latin-1.
    fc.constantFrom([0x00], [0x0d], [0x7f], [0xe9], [0xff]).map((b) => [bytes(`Bearer ${key}`, b)]),
    // Node keeps the first of repeated Authorization headers: a wrong one first must not pass.
    fc.constant([`Bearer ${key}x`, `Bearer ${key}`]),
  );
  return values.map((v) => replace(ctx.request, 'Authorization', v));
}

/** An Idempotency-Key that is missing, empty, too long, not printable ASCII, or repeated. */
function idempotencyKey(ctx: HeaderContext): fc.Arbitrary<RawRequest> {
  // Judged as the server sees it: HTTP trims spaces and tabs around a header value.
  const invalid = (v: string) => !IDEMPOTENCY_KEY_PATTERN.test(v.replace(/^[ \t]+|[ \t]+$/g, ''));
  const values: fc.Arbitrary<readonly (string | Buffer)[]> = fc.oneof(
    fc.constant([]),
    fc
      .constantFrom(
        '',
        '   ',
        'a'.repeat(129),
        'a b',
        'a\tb',
        'ключ',
        ...INJECTIONS.filter(invalid),
      )
      .map((v) => [v]),
    hostileString.filter(invalid).map((v) => [bytes(v)]),
    fc.constantFrom([0x01], [0x00], [0xe9], [0x80]).map((b) => [bytes('key-', b)]),
    fc.constant(['key-1', 'key-2']),
  );
  return values.map((v) => replace(ctx.request, 'Idempotency-Key', v));
}

/** Public test card numbers (Luhn-valid), none of which may be stored from a header. */
const TEST_PANS = ['4012888888881881', '5105105105105100', '378282246310005', '6011111111111117'];

/**
 * A card number, plain or grouped with any ASCII separator, as the Idempotency-Key or the
 * X-Request-Id: both are stored (idempotency table, events' correlation id), so the
 * request is refused (400 CARD_NUMBER_IN_TEXT) on every route, reads included.
 */
function cardNumberInStoredHeader(ctx: HeaderContext): fc.Arbitrary<RawRequest> {
  return fc
    .record({
      pan: fc.constantFrom(...TEST_PANS),
      separator: fc.constantFrom('', '-', '.', '/', '_', ' '),
      prefix: fc.constantFrom('', 'key-', 'rq.'),
      header: fc.constantFrom(
        ...(ctx.write ? ['Idempotency-Key', 'X-Request-Id'] : ['X-Request-Id']),
      ),
    })
    .map(({ pan, separator, prefix, header }) =>
      replace(ctx.request, header, [`${prefix}${pan.replace(/(\d{4})(?!$)/g, `$1${separator}`)}`]),
    );
}

/** An X-Step-Up-Code that does not prove the caller's second factor now. */
export function stepUpCodes(ctx: StepUpContext): fc.Arbitrary<RawRequest> {
  const valid = new Set(ctx.validCodes);
  const values: fc.Arbitrary<readonly (string | Buffer)[]> = fc.oneof(
    fc.constant([]),
    fc
      .constantFrom(
        '',
        '12345',
        '1234567',
        'abcdef',
        '12345a',
        '-12345',
        '1e5',
        '１２３４５６',
        '123 456',
        ...ctx.wrongCodes,
      )
      .map((v) => [bytes(v)]),
    fc
      .stringMatching(/^\d{6}$/)
      .filter((v) => !valid.has(v))
      .map((v) => [v]),
    hostileString.map((v) => [bytes(v)]),
    fc.constantFrom([0x00], [0x0b], [0xb9]).map((b) => [bytes('12345', b)]),
    // Two codes: joined by Node into "a, b", which is no code at all.
    fc.constant([ctx.validCodes[0]!, '000000']),
  );
  return values.map((v) => replace(ctx.request, 'X-Step-Up-Code', v));
}

/** A body encoding the API does not speak. */
function contentEncoding(ctx: HeaderContext): fc.Arbitrary<RawRequest> {
  return fc
    .constantFrom('gzip', 'deflate', 'br', 'x-unknown', 'gzip, gzip', 'compress')
    .map((v) =>
      replace({ ...ctx.request, body: ctx.request.body ?? '{}' }, 'Content-Encoding', [v]),
    );
}

/** Message framing a smuggling attempt would use: conflicting lengths, broken chunks. */
function framing(ctx: HeaderContext): fc.Arbitrary<RawRequest> {
  const body = Buffer.from(ctx.request.body ?? '{}');
  const base = replace({ ...ctx.request, body }, 'Content-Type', ['application/json']);
  return fc.oneof(
    fc.constant(replace(base, 'Content-Length', [String(body.length), String(body.length + 1)])),
    fc.constant(
      replace(replace(base, 'Content-Length', [String(body.length)]), 'Transfer-Encoding', [
        'chunked',
      ]),
    ),
    fc.constant(
      replace({ ...base, body: `zz\r\n${body.toString()}\r\n0\r\n\r\n` }, 'Transfer-Encoding', [
        'chunked',
      ]),
    ),
    fc.constant(replace(base, 'Content-Length', ['-1'])),
    fc.constant(replace(base, 'Content-Length', [`${body.length}abc`])),
  );
}

/** Request line plus headers over Node's 16 kB: one huge header, or very many. */
function oversized(ctx: HeaderContext): fc.Arbitrary<RawRequest> {
  return fc.oneof(
    fc
      .integer({ min: 17 * 1024, max: 64 * 1024 })
      .map((size) => replace(ctx.request, 'X-Padding', ['x'.repeat(size)])),
    fc.integer({ min: 1_500, max: 3_000 }).map((count) => ({
      ...ctx.request,
      headers: [
        ...(ctx.request.headers ?? []),
        ...Array.from({ length: count }, (_, i): Header => [`X-H${i}`, 'xxxxxxxxxxxx']),
      ],
    })),
  );
}

/** The families that apply to a route, each a request the route must refuse. */
export function headerFamilies(
  ctx: HeaderContext,
): ReadonlyArray<readonly [string, fc.Arbitrary<RawRequest>]> {
  return [
    ...(ctx.apiKey !== undefined ? [['authorization', authorization(ctx)] as const] : []),
    ...(ctx.write ? [['idempotency key', idempotencyKey(ctx)] as const] : []),
    ['card number in a stored header', cardNumberInStoredHeader(ctx)],
    ['content encoding', contentEncoding(ctx)],
    ['framing', framing(ctx)],
    ['oversized headers', oversized(ctx)],
  ];
}
