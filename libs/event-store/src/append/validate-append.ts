import { validate as isUuid } from 'uuid';
import { assertJsonSafe } from '../hash/canonical-json';
import { validateRecordWrites } from './validate-records';
import type { NewEvent } from '../port/envelope';
import { InvalidEventStoreInput } from '../port/errors';
import type { AppendOptions, ReadAllOptions, ReadStreamOptions } from '../port/event-store';

export const MAX_STREAM_ID_LENGTH = 256;
export const MAX_EVENTS_PER_APPEND = 10_000;
const MAX_NAME_LENGTH = 256;
// Control characters make ids ambiguous in logs, URLs and CSV exports.
// eslint-disable-next-line no-control-regex -- matching them is the point
const CONTROL_CHARS = /[\u0000-\u001f\u007f-\u009f]/;

function fail(field: string, message: string): never {
  throw new InvalidEventStoreInput(`${field} ${message}`, field);
}

function checkName(value: unknown, field: string, max = MAX_NAME_LENGTH): void {
  if (typeof value !== 'string') fail(field, 'must be a string');
  if (value.length === 0) fail(field, 'must not be empty');
  if (value.length > max) fail(field, `must be at most ${max} characters`);
  if (CONTROL_CHARS.test(value)) fail(field, 'must not contain control characters');
}

export function validateStreamId(streamId: unknown): asserts streamId is string {
  checkName(streamId, 'streamId', MAX_STREAM_ID_LENGTH);
}

function checkOptionalName(value: unknown, field: string): void {
  if (value !== undefined) checkName(value, field);
}

function checkPositiveInteger(value: unknown, field: string, min: number): void {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min) {
    fail(field, `must be an integer ≥ ${min}`);
  }
}

function validateEvent(event: NewEvent, index: number, seenIds: Set<string>): void {
  const at = `events[${index}]`;
  if (typeof event !== 'object' || event === null) fail(at, 'must be an object');
  checkName(event.type, `${at}.type`);
  if (event.schemaVersion !== undefined)
    checkPositiveInteger(event.schemaVersion, `${at}.schemaVersion`, 1);
  if (event.eventId !== undefined) {
    if (typeof event.eventId !== 'string' || !isUuid(event.eventId))
      fail(`${at}.eventId`, 'must be a UUID');
    const id = event.eventId.toLowerCase();
    if (seenIds.has(id)) fail(`${at}.eventId`, 'is repeated in the same append');
    seenIds.add(id);
  }
  assertJsonSafe(event.data, `${at}.data`);
  const metadata = event.metadata;
  if (typeof metadata !== 'object' || metadata === null)
    fail(`${at}.metadata`, 'must be an object');
  const actor = metadata.actor;
  if (typeof actor !== 'object' || actor === null)
    fail(`${at}.metadata.actor`, 'must be an object');
  checkName(actor.id, `${at}.metadata.actor.id`);
  if (!Array.isArray(actor.roles)) fail(`${at}.metadata.actor.roles`, 'must be an array');
  actor.roles.forEach((role, i) => checkName(role, `${at}.metadata.actor.roles[${i}]`));
  if (metadata.occurredAt !== undefined) {
    if (typeof metadata.occurredAt !== 'string' || Number.isNaN(Date.parse(metadata.occurredAt))) {
      fail(`${at}.metadata.occurredAt`, 'must be an ISO-8601 instant');
    }
  }
  checkOptionalName(metadata.correlationId, `${at}.metadata.correlationId`);
  checkOptionalName(metadata.causationId, `${at}.metadata.causationId`);
  checkOptionalName(metadata.idempotencyKey, `${at}.metadata.idempotencyKey`);
  if (metadata.extra !== undefined) {
    if (
      typeof metadata.extra !== 'object' ||
      metadata.extra === null ||
      Array.isArray(metadata.extra)
    ) {
      fail(`${at}.metadata.extra`, 'must be an object');
    }
    assertJsonSafe(metadata.extra, `${at}.metadata.extra`);
  }
}

/** Rejects an append that breaks a rule of the port, before anything is written. */
export function validateAppend(streamId: unknown, events: unknown, options: AppendOptions): void {
  validateStreamId(streamId);
  if (!Array.isArray(events)) fail('events', 'must be an array');
  if (events.length > MAX_EVENTS_PER_APPEND)
    fail('events', `must hold at most ${MAX_EVENTS_PER_APPEND} events`);
  const expected = options?.expectedVersion;
  if (typeof expected === 'number') {
    checkPositiveInteger(expected, 'expectedVersion', 0);
  } else if (expected !== 'any' && expected !== 'no_stream' && expected !== 'stream_exists') {
    fail('expectedVersion', 'must be a version ≥ 0, "no_stream", "stream_exists" or "any"');
  }
  const seenIds = new Set<string>();
  (events as NewEvent[]).forEach((event, i) => validateEvent(event, i, seenIds));
  validateRecordWrites(options.records, events.length);
}

export function validateReadStream(streamId: unknown, options: ReadStreamOptions = {}): void {
  validateStreamId(streamId);
  if (options.fromVersion !== undefined)
    checkPositiveInteger(options.fromVersion, 'fromVersion', 1);
  if (options.maxCount !== undefined) checkPositiveInteger(options.maxCount, 'maxCount', 1);
  if (
    options.direction !== undefined &&
    options.direction !== 'forwards' &&
    options.direction !== 'backwards'
  ) {
    fail('direction', 'must be "forwards" or "backwards"');
  }
}

export function validateReadAll(options: ReadAllOptions = {}): void {
  if (options.maxCount !== undefined) checkPositiveInteger(options.maxCount, 'maxCount', 1);
  const from = options.fromPosition;
  if (
    from !== undefined &&
    (typeof from.commit !== 'bigint' ||
      typeof from.prepare !== 'bigint' ||
      from.commit < 0n ||
      from.prepare < 0n)
  ) {
    fail('fromPosition', 'must be a position with non-negative bigint commit and prepare');
  }
}
