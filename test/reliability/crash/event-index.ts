import { evolve, initialState, type AccountState, type DomainEvent } from '@account-ops/accounts';
import {
  START,
  type EventStore,
  type Position,
  type RecordedEvent,
} from '@account-ops/event-store';

/** The events one command appended: one idempotency key of one actor. */
export interface CommandGroup {
  readonly streamId: string;
  readonly fromVersion: number;
  toVersion: number;
  readonly types: string[];
}

const ACCOUNT_PREFIX = 'account-';

// Effects an entity can have at most once: a second one would be a double apply.
const ONCE_PER_ENTITY = new Set([
  'AccountOpened',
  'AccountClosed',
  'TopUpInitiated',
  'TopUpSettled',
  'TopUpFailed',
  'RefundRequested',
  'RefundRejected',
  'RefundCancelled',
  'RefundExpired',
  'RefundPaidOut',
]);

export const groupKey = (actorId: string, key: string): string => `${actorId}\n${key}`;

/**
 * Everything the store has committed, read incrementally in global order across checks:
 * the events of each command (by actor and Idempotency-Key), each account's state by the
 * domain's own `evolve`, and which streams changed since the last read. Records what is
 * wrong in `problems` rather than stopping at the first.
 */
export class EventIndex {
  readonly groups = new Map<string, CommandGroup>();
  readonly accounts = new Map<string, { state: AccountState; version: number }>();
  private readonly effects = new Set<string>();
  /** Group keys that got events since the last takeFreshGroups(). */
  private fresh = new Set<string>();
  private position: Position = START;
  eventCount = 0;

  constructor(private readonly problems: string[]) {}

  /** Reads what was committed since the last call; returns the streams it touched. */
  async catchUp(
    store: EventStore,
    onEvent: (event: RecordedEvent) => void = () => undefined,
  ): Promise<Set<string>> {
    const touched = new Set<string>();
    for (;;) {
      const batch = await store.readAll({ fromPosition: this.position, maxCount: 2000 });
      for (const event of batch) {
        touched.add(event.streamId);
        this.add(event);
        onEvent(event);
      }
      if (batch.length === 0) return touched;
      this.position = batch[batch.length - 1]!.globalPosition;
    }
  }

  takeFreshGroups(): string[] {
    const fresh = [...this.fresh];
    this.fresh = new Set();
    return fresh;
  }

  private add(event: RecordedEvent): void {
    this.eventCount++;
    const { actor, idempotencyKey } = event.metadata;
    if (idempotencyKey !== undefined) this.addToGroup(groupKey(actor.id, idempotencyKey), event);
    if (!event.streamId.startsWith(ACCOUNT_PREFIX)) return;
    const accountId = event.streamId.slice(ACCOUNT_PREFIX.length);
    const current = this.accounts.get(accountId) ?? { state: initialState, version: 0 };
    if (event.version !== current.version + 1) {
      this.problems.push(`${event.streamId}: version ${event.version} after ${current.version}`);
    }
    const domainEvent = { type: event.type, data: event.data } as DomainEvent;
    this.accounts.set(accountId, {
      state: evolve(current.state, domainEvent),
      version: event.version,
    });
    const data = event.data as { topUpId?: string; refundId?: string };
    if (ONCE_PER_ENTITY.has(event.type)) {
      const effect = `${event.streamId} ${event.type} ${data.topUpId ?? data.refundId ?? ''}`;
      if (this.effects.has(effect)) this.problems.push(`applied twice: ${effect}`);
      this.effects.add(effect);
    }
  }

  private addToGroup(key: string, event: RecordedEvent): void {
    this.fresh.add(key);
    const group = this.groups.get(key);
    if (!group) {
      this.groups.set(key, {
        streamId: event.streamId,
        fromVersion: event.version,
        toVersion: event.version,
        types: [event.type],
      });
      return;
    }
    // One command appends once, at consecutive versions: anything else ran it twice.
    if (group.streamId !== event.streamId || event.version !== group.toVersion + 1) {
      this.problems.push(
        `idempotency key ${JSON.stringify(key)} wrote twice: ${group.streamId}@${group.fromVersion}-${group.toVersion} and ${event.streamId}@${event.version}`,
      );
      return;
    }
    group.toVersion = event.version;
    group.types.push(event.type);
  }
}
