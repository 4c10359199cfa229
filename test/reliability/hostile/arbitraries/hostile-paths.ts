import fc from 'fast-check';
import {
  hostileString,
  INJECTIONS,
  percentEncode,
  PROTOTYPE_KEYS,
  UNICODE_EDGES,
} from './hostile-text';

/** A path segment as sent on the wire, and what the server decodes it to (when it can). */
export interface Segment {
  readonly wire: string;
  readonly decoded: string | undefined;
}

const encoded = (text: string): Segment => ({ wire: percentEncode(text), decoded: text });
const raw = (wire: string): Segment => {
  let decoded: string | undefined;
  try {
    decoded = decodeURIComponent(wire);
  } catch {
    decoded = undefined;
  }
  return { wire, decoded };
};

/** Percent-encoding that is broken, overlong, a surrogate, a separator or a traversal. */
const PERCENT_JUNK = [
  '%',
  '%z',
  '%zz',
  '%C0%AF', // overlong "/"
  '%E0%80%AF', // overlong "/", three bytes
  '%ED%A0%80', // a UTF-16 surrogate, encoded as UTF-8
  '%FF%FE',
  '%00',
  '%2F',
  '%5C',
  '%2e%2e',
  '..%2F..%2Fetc',
  '.',
  '..',
  '%20',
  '%0d%0aSet-Cookie:%20x',
  '%E2%80%AE',
  '%EF%BB%BF',
] as const;

/**
 * Path parameter values that name nothing the route can act on: malformed ids (400),
 * well-formed ids of nothing (404), names of Object.prototype members (404, never a
 * property lookup), over-long ids and URLs (400, 431).
 */
export const hostileSegment: fc.Arbitrary<Segment> = fc.oneof(
  hostileString.map(encoded),
  fc.constantFrom(...INJECTIONS, ...UNICODE_EDGES).map(encoded),
  fc.constantFrom(...PERCENT_JUNK).map(raw),
  fc.constantFrom(...PROTOTYPE_KEYS).map((key) => raw(key)),
  fc.stringMatching(/^[A-Za-z0-9_.:-]{1,128}$/).map(raw),
  fc.integer({ min: 129, max: 2_000 }).map((n) => raw('a'.repeat(n))),
  fc.integer({ min: 17 * 1024, max: 40 * 1024 }).map((n) => raw('a'.repeat(n))),
  // Bytes above 0x7f and controls, unencoded: Node's parser decides.
  fc.constantFrom('é', 'ü%', '\u0000', '\t', 'a b').map((text) => ({
    wire: text,
    decoded: text,
  })),
);
