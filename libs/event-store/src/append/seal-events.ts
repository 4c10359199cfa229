import { v7 as uuidv7 } from 'uuid';
import { computeEventHash } from '../hash/hash-chain';
import type { EventMetadata, NewEvent, RecordedEvent } from '../port/envelope';

/** A recorded event before the database has given it a global position. */
export type SealedEvent = Omit<RecordedEvent, 'globalPosition'>;

export interface StreamTip {
  /** Version of the stream's last event (0 when empty). */
  readonly version: number;
  /** Hash of the stream's last event (GENESIS_HASH when empty). */
  readonly hash: string;
}

/**
 * Numbers the events after the stream's tip, fills metadata defaults and links each
 * event into the stream's hash chain. Pure apart from generating missing event ids.
 */
export function sealEvents(
  streamId: string,
  events: readonly NewEvent[],
  tip: StreamTip,
  now: Date,
): SealedEvent[] {
  let prevHash = tip.hash;
  return events.map((event, i) => {
    const eventId = (event.eventId ?? uuidv7()).toLowerCase();
    const { actor, occurredAt, correlationId, causationId, idempotencyKey, extra } = event.metadata;
    const unhashed: Omit<EventMetadata, 'prevHash' | 'hash'> = {
      actor: { id: actor.id, roles: [...actor.roles] },
      occurredAt: new Date(occurredAt ?? now).toISOString(),
      correlationId: correlationId ?? eventId,
      causationId: causationId ?? eventId,
      ...(idempotencyKey !== undefined ? { idempotencyKey } : {}),
      ...(extra !== undefined ? { extra } : {}),
    };
    const content = {
      eventId,
      streamId,
      version: tip.version + i + 1,
      type: event.type,
      schemaVersion: event.schemaVersion ?? 1,
      data: event.data,
      metadata: unhashed,
    };
    const hash = computeEventHash(prevHash, content);
    const sealed: SealedEvent = { ...content, metadata: { ...unhashed, prevHash, hash } };
    prevHash = hash;
    return sealed;
  });
}
