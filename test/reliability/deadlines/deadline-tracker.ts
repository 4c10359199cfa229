import type { DomainEvent } from '@account-ops/accounts';
import {
  DEADLINE_COLLECTION,
  deadlineWrites,
  SCHEDULER_ACTOR,
  toStoredDeadline,
  type StoredDeadline,
} from '@account-ops/engine';
import type { RecordedEvent, RecordStore } from '@account-ops/event-store';

const FIRING_EVENTS = new Set(['RefundExpired', 'AccountClosed']);

/**
 * Follows the durable deadlines through the events, in global order: which are pending
 * (scheduled by an event, not yet cancelled or fired), and each firing. A firing must
 * find its deadline pending — a second firing of the same deadline finds none — must not
 * come before the due time, and must be the scheduler's. The engine's own
 * `deadlineWrites` says which record each event schedules or cancels, so the tracker and
 * the store's deadline table can be compared key for key.
 */
export class DeadlineTracker {
  private readonly pending = new Map<string, StoredDeadline>();
  readonly fired = { refund_approval_sla: 0, retention_expiry: 0, refund_payout_hold: 0 };
  /** Firings of deadlines that came due while the API was down (fired after a restart). */
  firedAfterDowntime = 0;
  /** Real-time windows in which no API was running, as domain-time [from, to) in ms. */
  private readonly downtimes: Array<readonly [number, number]> = [];

  constructor(private readonly problems: string[]) {}

  noteDowntime(fromDomainMs: number, toDomainMs: number): void {
    this.downtimes.push([fromDomainMs, toDomainMs]);
  }

  onEvent(event: RecordedEvent): void {
    if (!event.streamId.startsWith('account-')) return;
    const accountId = event.streamId.slice('account-'.length);
    const writes = deadlineWrites(accountId, [
      { type: event.type, data: event.data } as DomainEvent,
    ]);
    if (FIRING_EVENTS.has(event.type)) this.fire(event, writes[0]?.key);
    for (const write of writes) {
      if (write.op === 'delete') this.pending.delete(write.key);
      else this.pending.set(write.key, write.value as unknown as StoredDeadline);
    }
  }

  private fire(event: RecordedEvent, key: string | undefined): void {
    const deadline = key === undefined ? undefined : this.pending.get(key);
    const what = `${event.type} on ${event.streamId} v${event.version}`;
    if (!deadline) {
      this.problems.push(`${what}: no pending deadline (fired twice, or never scheduled)`);
      return;
    }
    const due = Date.parse(deadline.dueAt);
    if (Date.parse(event.metadata.occurredAt) < due) {
      this.problems.push(`${what}: fired at ${event.metadata.occurredAt}, due ${deadline.dueAt}`);
    }
    if (event.metadata.actor.id !== SCHEDULER_ACTOR.id) {
      this.problems.push(`${what}: written by ${event.metadata.actor.id}, not the scheduler`);
    }
    this.fired[deadline.kind]++;
    if (this.downtimes.some(([from, to]) => due >= from && due < to)) this.firedAfterDowntime++;
  }

  /** The store's deadline table holds exactly the pending deadlines, with their due times. */
  async compareWithStore(records: RecordStore): Promise<void> {
    const stored = new Map(
      (await records.listRecords(DEADLINE_COLLECTION)).map((r) => [r.key, toStoredDeadline(r)]),
    );
    for (const [key, deadline] of this.pending) {
      const found = stored.get(key);
      if (!found)
        this.problems.push(`deadline ${key} (due ${deadline.dueAt}) missing from the store`);
      else if (found.dueAt !== deadline.dueAt) {
        this.problems.push(
          `deadline ${key}: stored due ${found.dueAt}, events say ${deadline.dueAt}`,
        );
      }
    }
    for (const key of stored.keys()) {
      if (!this.pending.has(key))
        this.problems.push(`stored deadline ${key} matches no pending one`);
    }
  }

  /** Pending deadlines due at or before `by`: after the final drain there must be none. */
  overdue(by: Date): StoredDeadline[] {
    return [...this.pending.values()].filter((d) => Date.parse(d.dueAt) <= by.getTime());
  }

  get pendingCount(): number {
    return this.pending.size;
  }
}
