import type { SealedEvent } from '../append/seal-events';
import type { EventMetadata, JsonObject, JsonValue, RecordedEvent } from '../port/envelope';
import type { EsdbEventData, EsdbRecordedEvent } from './esdb-client';
import { UnreadableEsdbEvent } from './esdb-errors';
import { fromEsdbPosition } from './esdb-position';
import { versionFromRevision } from './expected-revision';

/**
 * Our envelope's metadata as kept in the EventStoreDB event's (JSON) metadata. EventStoreDB
 * stores id, type, data, stream and revision itself; everything else of the envelope,
 * including the hash chain and the schema version, lives here.
 */
export type EsdbEventMetadata = {
  readonly schemaVersion: number;
  readonly actor: { readonly id: string; readonly roles: readonly string[] };
  readonly occurredAt: string;
  readonly correlationId: string;
  readonly causationId: string;
  readonly idempotencyKey?: string;
  readonly extra?: JsonObject;
  readonly prevHash: string;
  readonly hash: string;
  /** EventStoreDB's own spelling, read by its `$by_correlation_id` projection and UI. */
  readonly $correlationId: string;
  readonly $causationId: string;
};

/** A sealed event (version and hash chain assigned) as a JSON event for the client seam. */
export function toEsdbEvent(event: SealedEvent): EsdbEventData {
  const metadata: EsdbEventMetadata = {
    schemaVersion: event.schemaVersion,
    ...event.metadata,
    $correlationId: event.metadata.correlationId,
    $causationId: event.metadata.causationId,
  };
  return { id: event.eventId, type: event.type, data: event.data, metadata };
}

/**
 * A stored EventStoreDB event as our envelope. `streamId` is ours (without namespace).
 * @throws UnreadableEsdbEvent when the event was not written by this adapter.
 */
export function fromEsdbEvent(event: EsdbRecordedEvent, streamId: string): RecordedEvent {
  const fail = (reason: string): UnreadableEsdbEvent =>
    new UnreadableEsdbEvent(event.streamId, event.revision, reason);
  if (!event.isJson) throw fail('not a JSON event');
  if (!event.position) throw fail('no position (EventStoreDB 22.6 or later is needed)');
  const { schemaVersion, metadata } = parseMetadata(event.metadata, fail);
  return {
    // Sealed (and hashed) in lower case; a server may spell UUIDs otherwise.
    eventId: event.id.toLowerCase(),
    streamId,
    version: versionFromRevision(event.revision),
    globalPosition: fromEsdbPosition(event.position),
    type: event.type,
    schemaVersion,
    data: event.data as JsonValue,
    metadata,
  };
}

type Fail = (reason: string) => Error;

/**
 * A plain object as JSON.parse makes them (in any realm): not an array, and not the raw
 * bytes the client hands over when metadata is not JSON.
 */
function isObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === null || Object.getPrototypeOf(proto) === null;
}

function text(value: unknown, field: string, fail: Fail): string {
  if (typeof value !== 'string') throw fail(`metadata.${field} is not a string`);
  return value;
}

function parseMetadata(
  raw: unknown,
  fail: Fail,
): { schemaVersion: number; metadata: EventMetadata } {
  if (!isObject(raw)) throw fail('no envelope metadata');
  const { schemaVersion, actor, idempotencyKey, extra } = raw;
  if (
    typeof schemaVersion !== 'number' ||
    !Number.isSafeInteger(schemaVersion) ||
    schemaVersion < 1
  )
    throw fail('metadata.schemaVersion is not a version');
  if (!isObject(actor) || !Array.isArray(actor.roles)) throw fail('metadata.actor is malformed');
  const roles = actor.roles.map((role, i) => text(role, `actor.roles[${i}]`, fail));
  if (extra !== undefined && !isObject(extra)) throw fail('metadata.extra is not an object');
  // Rebuilt key by key, so that exactly the hashed fields come back (no `$correlationId`).
  const metadata: EventMetadata = {
    actor: { id: text(actor.id, 'actor.id', fail), roles },
    occurredAt: text(raw.occurredAt, 'occurredAt', fail),
    correlationId: text(raw.correlationId, 'correlationId', fail),
    causationId: text(raw.causationId, 'causationId', fail),
    ...(idempotencyKey !== undefined
      ? { idempotencyKey: text(idempotencyKey, 'idempotencyKey', fail) }
      : {}),
    ...(extra !== undefined ? { extra: extra as JsonObject } : {}),
    prevHash: text(raw.prevHash, 'prevHash', fail),
    hash: text(raw.hash, 'hash', fail),
  };
  return { schemaVersion, metadata };
}
