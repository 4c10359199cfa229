import type { DomainEvent } from '@account-ops/accounts';
import type { EventActor, JsonValue, RecordedEvent } from '@account-ops/event-store';

/** Who sent the command behind a batch of events, and the request it belonged to. */
export interface BatchMetadata {
  readonly actor: EventActor;
  readonly correlationId?: string;
}

const hex = (n: number, width: number) => n.toString(16).padStart(width, '0');

/**
 * Wraps domain events into envelopes as a store would: stream `account-<id>`, versions
 * per stream from 1, global positions 1..n (commit = prepare, as SQLite assigns them)
 * unless `positionOf` says otherwise, deterministic UUID-shaped event ids.
 */
export class EventLog {
  readonly events: RecordedEvent[] = [];
  private readonly versions = new Map<string, number>();

  constructor(
    private readonly positionOf: (n: number) => { commit: bigint; prepare: bigint } = (n) => ({
      commit: BigInt(n),
      prepare: BigInt(n),
    }),
  ) {}

  /** Records one command's events; they share its correlation id (the first event's id). */
  append(accountId: string, events: readonly DomainEvent[], meta: BatchMetadata): RecordedEvent[] {
    const streamId = `account-${accountId}`;
    const recorded: RecordedEvent[] = [];
    let correlationId = meta.correlationId;
    for (const event of events) {
      const n = this.events.length + 1;
      const version = (this.versions.get(streamId) ?? 0) + 1;
      this.versions.set(streamId, version);
      const eventId = `00000000-0000-7000-8000-${hex(n, 12)}`;
      correlationId ??= eventId;
      const entry: RecordedEvent = {
        eventId,
        streamId,
        version,
        globalPosition: this.positionOf(n),
        type: event.type,
        schemaVersion: 1,
        data: event.data as unknown as JsonValue,
        metadata: {
          actor: { id: meta.actor.id, roles: [...meta.actor.roles] },
          occurredAt: event.data.at,
          correlationId,
          causationId: correlationId,
          prevHash: '0'.repeat(64),
          hash: hex(n, 64),
        },
      };
      this.events.push(entry);
      recorded.push(entry);
    }
    return recorded;
  }
}
