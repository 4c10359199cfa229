import canonicalize from 'canonicalize';
import fc from 'fast-check';
import type { RecordedEvent } from '../port/envelope';
import { canonicalContent } from './canonical-content';
import { hashedContentOf } from './hash-chain';

const text = fc.string({ unit: 'binary', maxLength: 8 });
const { json } = fc.letrec<{ json: unknown }>((tie) => ({
  json: fc.oneof(
    { depthSize: 'small' },
    fc.constant(null),
    fc.boolean(),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    text,
    fc.array(tie('json'), { maxLength: 4 }),
    fc.dictionary(text, tie('json'), { maxKeys: 4 }),
  ),
}));
/** Metadata as stored, or damaged: extra and missing keys, wrong types, not an object. */
const metadata = fc.oneof(
  fc.record(
    {
      actor: fc.oneof(fc.record({ id: text, roles: fc.array(text) }), json),
      occurredAt: text,
      correlationId: text,
      causationId: text,
      idempotencyKey: text,
      extra: fc.dictionary(text, json),
      prevHash: text,
      hash: text,
      surprise: json,
    },
    { requiredKeys: [] },
  ),
  fc.array(json, { maxLength: 3 }),
  text,
  fc.integer(),
);
/** An event through a JSON round trip, as stores return them; any field may be missing. */
const event = fc
  .record(
    {
      eventId: fc.oneof(text, json),
      streamId: text,
      version: fc.oneof(fc.integer(), json),
      type: text,
      schemaVersion: fc.integer(),
      data: json,
      metadata,
    },
    { requiredKeys: ['metadata'] },
  )
  .map((e) => JSON.parse(JSON.stringify(e)) as RecordedEvent);

describe('canonicalContent', () => {
  it('is canonicalize(hashedContentOf(event)), whatever a stored event holds', () => {
    fc.assert(
      fc.property(event, (e) => {
        expect(canonicalContent(e)).toBe(canonicalize(hashedContentOf(e)));
      }),
      { numRuns: 3000 },
    );
  });
});
