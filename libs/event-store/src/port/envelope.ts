/** A JSON value as stored: what survives JSON.stringify/parse unchanged. */
export type JsonValue =
  null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

import type { Position } from './position';

/** Who caused an event: an id and the roles they acted with. */
export interface EventActor {
  readonly id: string;
  readonly roles: readonly string[];
}

/** Metadata the caller supplies with a new event. */
export interface NewEventMetadata {
  readonly actor: EventActor;
  /** ISO-8601 instant; the store's clock is used when absent. */
  readonly occurredAt?: string;
  /** Groups every event caused by one request; defaults to the event id. */
  readonly correlationId?: string;
  /** The message that caused this one; defaults to the event id. */
  readonly causationId?: string;
  readonly idempotencyKey?: string;
  /** Anything else the caller wants kept (JSON-safe). */
  readonly extra?: JsonObject;
}

/** An event to append. The store assigns version, position and the hash chain. */
export interface NewEvent {
  /** A UUID; generated (v7) when absent. Appending an id twice is refused. */
  readonly eventId?: string;
  readonly type: string;
  /** Schema version of `data`, for upcasters; defaults to 1. */
  readonly schemaVersion?: number;
  readonly data: JsonValue;
  readonly metadata: NewEventMetadata;
}

export interface EventMetadata {
  readonly actor: EventActor;
  readonly occurredAt: string;
  readonly correlationId: string;
  readonly causationId: string;
  readonly idempotencyKey?: string;
  readonly extra?: JsonObject;
  /** Hash of the previous event in the same stream ({@link GENESIS_HASH} for the first). */
  readonly prevHash: string;
  /** SHA-256 over this event's canonical content and `prevHash`. */
  readonly hash: string;
}

/** An event as stored: the envelope of SPEC.md. */
export interface RecordedEvent<D extends JsonValue = JsonValue> {
  readonly eventId: string;
  readonly streamId: string;
  /** 1 for the first event of a stream, then +1 per event. */
  readonly version: number;
  readonly globalPosition: Position;
  readonly type: string;
  readonly schemaVersion: number;
  readonly data: D;
  readonly metadata: EventMetadata;
}
