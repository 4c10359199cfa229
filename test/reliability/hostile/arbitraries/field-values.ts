import fc from 'fast-check';
import { CURRENCIES, ID_PATTERN, TOP_UP_METHODS } from '@account-ops/accounts';
import {
  hostileString,
  INJECTIONS,
  oversizedString,
  refusedText,
  UNICODE_EDGES,
} from './hostile-text';

/** What a body field holds; each kind has values that no route accepts for it. */
export type FieldKind =
  | 'id'
  | 'amount'
  | 'text'
  | 'enum'
  | 'email'
  | 'pan'
  | 'plan'
  | 'url'
  | 'topics'
  | 'flag'
  | 'position';

/**
 * Every body field of every write route (route-bodies.ts reads them from the DTOs) and its
 * kind. `reason` is an enum on some routes and free text on others: it gets values both
 * refuse. A test fails when a DTO gains a field missing here.
 */
export const FIELD_KINDS: Readonly<Record<string, FieldKind>> = {
  accountId: 'id',
  topUpId: 'id',
  refundId: 'id',
  paymentReference: 'id',
  payoutReference: 'id',
  amount: 'amount',
  ownerName: 'text',
  holderName: 'text',
  bankName: 'text',
  note: 'text',
  reason: 'text',
  currency: 'enum',
  method: 'enum',
  ownerEmail: 'email',
  cardNumber: 'pan',
  plan: 'plan',
  url: 'url',
  topics: 'topics',
  enabled: 'flag',
  rotateSecret: 'flag',
  fromPosition: 'position',
};

/** Not a string: refused by every string field (null is left out: optional fields take it as absent). */
const notAString = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant([]),
  fc.array(fc.string(), { minLength: 1, maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 2 }),
);

/** Amounts SPEC refuses: not a positive safe integer of minor units. */
const badAmount = fc.oneof(
  fc.constantFrom<unknown>(
    0,
    -0,
    -1,
    0.5,
    1.5,
    1e-7,
    2 ** 53,
    2 ** 53 + 2,
    1e16,
    1e308,
    -1e308,
    Number.MIN_VALUE,
    '100',
    '1e3',
    '',
    true,
    null,
    [],
    [100],
    { $gt: 0 },
  ),
  fc.integer({ max: 0 }),
  fc
    .double({ noNaN: true, noDefaultInfinity: true })
    .filter((n) => !Number.isSafeInteger(n) || n < 1),
  fc.bigInt({ min: 2n ** 53n, max: 2n ** 80n }).map((n) => Number(n)),
  hostileString,
);

/** Ids must be 1–128 of `A-Z a-z 0-9 _ - . :`; these are not. */
const badId = fc
  .oneof(
    fc.constantFrom('', 'a'.repeat(129), 'a b', 'acc/1', 'ａｃｃ', ...UNICODE_EDGES),
    fc.constantFrom(...INJECTIONS),
    hostileString,
    notAString,
  )
  .filter((v) => typeof v !== 'string' || !ID_PATTERN.test(v));

const ENUM_VALUES = new Set<string>([...CURRENCIES, ...TOP_UP_METHODS]);
const badEnum = fc
  .oneof(
    fc.constantFrom(
      'eur',
      'EUR ',
      ' EUR',
      'EURO',
      'BANK_TRANSFER',
      'card\u0000',
      'card\u200B',
      'toString',
    ),
    fc.constantFrom(...INJECTIONS),
    hostileString,
    refusedText,
    notAString,
  )
  .filter((v) => typeof v !== 'string' || !ENUM_VALUES.has(v));

const badEmail = fc.oneof(
  fc.constantFrom(
    'not-an-email',
    'a@',
    '@b.co',
    'a b@c.de',
    'a@b@c.de',
    `${'a'.repeat(250)}@b.co`,
    "a'; --",
  ),
  refusedText,
  notAString,
);

/** Not a 12–19 digit Luhn-valid card number (spaced, fullwidth, Luhn-broken, too short…). */
const badPan = fc.oneof(
  fc.constantFrom(
    '4111111111111112',
    '4111 1111 1111 1111',
    '4111-1111-1111-1111',
    '41111111111',
    '4'.repeat(20),
    '４１１１１１１１１１１１１１１１',
    '',
  ),
  hostileString.filter((v) => !/^\d{12,19}$/.test(v)),
  notAString,
);

const badPlan = fc.constantFrom<unknown>(
  'monthly',
  [],
  { pricePerCycle: 1.5, cycleDays: 30, cycleStart: '2026-03-01' },
  { pricePerCycle: 100, cycleDays: 0, cycleStart: '2026-03-01' },
  { pricePerCycle: 100, cycleDays: 30, cycleStart: '2026-02-30' },
  { pricePerCycle: 100, cycleDays: 30, cycleStart: "2026-03-01' OR 1=1" },
  { pricePerCycle: 100, cycleDays: 30, cycleStart: '2026-03-01', extra: true },
  { pricePerCycle: 2 ** 53, cycleDays: 30, cycleStart: '2026-03-01' },
);

/** Not an http(s) URL a webhook may be sent to (the harness allows loopback over http). */
const badUrl = fc
  .oneof(
    fc.constantFrom(
      '',
      'not a url',
      'http://',
      'ftp://127.0.0.1/hooks',
      'file:///etc/passwd',
      'javascript:alert(1)',
      `https://127.0.0.1/${'a'.repeat(2049)}`,
    ),
    fc.constantFrom(...INJECTIONS),
    hostileString,
    notAString,
  )
  .filter((v) => typeof v !== 'string' || !/^https?:\/\/[^/]/i.test(v) || v.length > 2048);

/** Not a non-empty list of at most 100 known event types or notification kinds. */
const badTopics = fc.oneof(
  fc.constantFrom<unknown>(
    [],
    'refund_approved',
    ['NoSuchEvent'],
    ['refund_approved', 'refund approved'],
    [1],
    [['*']],
    ['*', {}],
    Array.from({ length: 101 }, () => '*'),
  ),
  fc.array(hostileString, { minLength: 1, maxLength: 3 }),
  notAString.filter((v) => !Array.isArray(v)),
);

/** Not a JSON boolean (no string or number is taken for one). */
const badFlag = fc.constantFrom<unknown>('true', 'false', 1, 0, 'yes', [], {}, [true]);

/** Not a global position (`42` or `1/2`, at most 20 digits each). */
const badPosition = fc.oneof(
  fc.constantFrom<unknown>('', '-1', '1.5', '1/2/3', '1/', '/1', '1'.repeat(21), '٣', 42, '0x10'),
  hostileString.filter((v) => !/^\d{1,20}(\/\d{1,20})?$/.test(v)),
  notAString,
);

/** A value the field's DTO (or, last, the domain) refuses, whatever the route. */
export function refusedValue(kind: FieldKind): fc.Arbitrary<unknown> {
  switch (kind) {
    case 'amount':
      return badAmount;
    case 'id':
      return badId;
    case 'text':
      return fc.oneof(refusedText, notAString, oversizedString);
    case 'enum':
      return badEnum;
    case 'email':
      return badEmail;
    case 'pan':
      return badPan;
    case 'plan':
      return badPlan;
    case 'url':
      return badUrl;
    case 'topics':
      return badTopics;
    case 'flag':
      return badFlag;
    case 'position':
      return badPosition;
  }
}
