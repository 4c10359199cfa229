import { EVENT_SCHEMA_VERSIONS, type DomainEvent } from '@account-ops/accounts';
import type { Upcasters } from '../upcasting/upcasters';
import type { EventActor, JsonValue, NewEvent, RecordedEvent } from '@account-ops/event-store';

/** What the engine stamps on every event of one command besides the domain facts. */
export interface CommandMetadata {
  readonly actor: EventActor;
  readonly occurredAt: string;
  readonly correlationId: string;
  readonly causationId: string;
  readonly idempotencyKey?: string;
}

export function toNewEvent(event: DomainEvent, metadata: CommandMetadata): NewEvent {
  return {
    type: event.type,
    schemaVersion: EVENT_SCHEMA_VERSIONS[event.type],
    data: event.data as unknown as JsonValue,
    metadata: {
      actor: { id: metadata.actor.id, roles: [...metadata.actor.roles] },
      occurredAt: metadata.occurredAt,
      correlationId: metadata.correlationId,
      causationId: metadata.causationId,
      ...(metadata.idempotencyKey !== undefined ? { idempotencyKey: metadata.idempotencyKey } : {}),
    },
  };
}

/**
 * The domain's view of a stored event, upcast to the current schema (keyed by type and
 * schema version), so every read path sees the shape `evolve` knows.
 */
export function toDomainEvent(recorded: RecordedEvent, upcasters?: Upcasters): DomainEvent {
  const current = upcasters ? upcasters.upcast(recorded) : recorded;
  return { type: current.type, data: current.data } as DomainEvent;
}
