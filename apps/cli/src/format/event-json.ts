import { formatPosition, type RecordedEvent } from '@account-ops/event-store';

/** The SPEC event shape: the envelope exactly as stored, position as text. */
export interface EventJson {
  readonly eventId: string;
  readonly streamId: string;
  readonly version: number;
  readonly globalPosition: string;
  readonly type: string;
  readonly schemaVersion: number;
  readonly data: unknown;
  readonly metadata: RecordedEvent['metadata'];
}

/**
 * As the API's `GET /accounts/:id/events` returns it: personal fields stay encrypted, so
 * anyone can recompute every hash from this output alone.
 */
export function eventJson(event: RecordedEvent): EventJson {
  return {
    eventId: event.eventId,
    streamId: event.streamId,
    version: event.version,
    globalPosition: formatPosition(event.globalPosition),
    type: event.type,
    schemaVersion: event.schemaVersion,
    data: event.data,
    metadata: event.metadata,
  };
}
