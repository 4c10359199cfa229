import { createHash } from 'node:crypto';
import { canonicalJson } from '../hash/canonical-json';
import { GENESIS_HASH } from '../hash/hash-chain';
import { InvalidEventStoreInput } from '../port/errors';

/**
 * One read of an account's personal data, as the caller describes it. Identifiers only:
 * never the data read, a query text, a token or a key.
 */
export interface AccessInput {
  /** Who read: the actor id of the key or token. */
  readonly actor: string;
  /** Whose data. */
  readonly accountId: string;
  /** What was read: a route or command name (`getAccount`, `cli:export`). */
  readonly what: string;
  /** The request id, to join the read with the request log. */
  readonly requestId?: string | null;
}

/** The fields a record's hash covers. */
export interface AccessContent {
  /** 1, 2, 3… with no gaps: a missing number is a deleted record. */
  readonly seq: number;
  /** When it was recorded (ISO 8601, UTC); never earlier than the previous record's. */
  readonly at: string;
  readonly actor: string;
  readonly accountId: string;
  readonly what: string;
  readonly requestId: string | null;
}

/** A stored access record: its content, the previous record's hash and its own. */
export interface AccessRecord extends AccessContent {
  readonly prevHash: string;
  readonly hash: string;
}

/** The `prevHash` of record 1 (the same genesis as an event stream's). */
export const ACCESS_GENESIS_HASH = GENESIS_HASH;

const MAX_FIELD = 256;
// Control characters would let one field pass for two in a log line or a CSV export.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;

function checkField(value: unknown, field: string): asserts value is string {
  if (
    typeof value !== 'string' ||
    value.length === 0 ||
    value.length > MAX_FIELD ||
    CONTROL.test(value)
  ) {
    throw new InvalidEventStoreInput(
      `access ${field} must be 1–${MAX_FIELD} characters without control characters`,
      field,
    );
  }
}

/** Throws unless the input is storable as is. */
export function validateAccessInput(input: AccessInput): void {
  checkField(input.actor, 'actor');
  checkField(input.accountId, 'accountId');
  checkField(input.what, 'what');
  if (input.requestId !== undefined && input.requestId !== null)
    checkField(input.requestId, 'requestId');
}

/**
 * SHA-256 (hex) of the previous hash, a newline and the RFC 8785 canonical JSON of the
 * content's six fields: the same construction as an event's hash.
 */
export function computeAccessHash(prevHash: string, content: AccessContent): string {
  const { seq, at, actor, accountId, what, requestId } = content;
  return createHash('sha256')
    .update(prevHash)
    .update('\n')
    .update(canonicalJson({ seq, at, actor, accountId, what, requestId }))
    .digest('hex');
}

/** Seals the next record of a chain whose last record has `prevHash`. */
export function sealAccess(prevHash: string, content: AccessContent): AccessRecord {
  return { ...content, prevHash, hash: computeAccessHash(prevHash, content) };
}
