import type { RecordedEvent } from './envelope';
import { formatPosition } from './position';

/**
 * The SPEC event shape for JSON (the API, the CLI): the envelope exactly as stored, with
 * the global position as text (`"42"`, or `"commit/prepare"` where the order has two
 * parts). Personal fields stay as stored (encrypted), so anyone can recompute every hash
 * from this form alone.
 */
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
