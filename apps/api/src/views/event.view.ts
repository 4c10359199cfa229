import { formatPosition, type RecordedEvent } from '@account-ops/event-store';

/** SPEC event shape: the stored envelope, with the global position as a string. */
export interface EventView {
  readonly eventId: string;
  readonly streamId: string;
  readonly version: number;
  /** `"42"`, or `"commit/prepare"` on stores whose order has two parts (PostgreSQL). */
  readonly globalPosition: string;
  readonly type: string;
  readonly schemaVersion: number;
  readonly data: unknown;
  readonly metadata: RecordedEvent['metadata'];
}

/**
 * The event exactly as stored (personal fields stay encrypted), so an auditor can
 * recompute every hash from the response alone.
 */
export function eventView(event: RecordedEvent): EventView {
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
