import { deadlinesFor, type DeadlineKind, type DomainEvent } from '@account-ops/accounts';
import type { RecordWrite, StoredRecord } from '@account-ops/event-store';

export const DEADLINE_COLLECTION = 'deadline';

/** A durable timer as stored: sorted by due time so the scheduler reads only what is due. */
export interface StoredDeadline {
  readonly accountId: string;
  readonly kind: DeadlineKind;
  readonly key: string;
  readonly dueAt: string;
}

function recordKey(accountId: string, kind: DeadlineKind, key: string): string {
  return JSON.stringify([accountId, kind, key]);
}

/**
 * The timer writes a decision implies, derived from its events and written in the same
 * transaction, so a deadline exists exactly when the events that call for it do.
 */
export function deadlineWrites(accountId: string, events: readonly DomainEvent[]): RecordWrite[] {
  return events.flatMap((event) =>
    deadlinesFor(event).map((effect): RecordWrite => {
      const key = recordKey(accountId, effect.kind, effect.key);
      if (effect.action === 'cancel') return { op: 'delete', collection: DEADLINE_COLLECTION, key };
      const value: StoredDeadline = {
        accountId,
        kind: effect.kind,
        key: effect.key,
        dueAt: effect.dueAt,
      };
      return {
        op: 'upsert',
        collection: DEADLINE_COLLECTION,
        key,
        sortKey: effect.dueAt,
        value: { ...value },
      };
    }),
  );
}

export function toStoredDeadline(record: StoredRecord): StoredDeadline {
  return record.value as unknown as StoredDeadline;
}

/** Removes a deadline whose firing found nothing left to do. */
export function deadlineDone(deadline: StoredDeadline): RecordWrite {
  return {
    op: 'delete',
    collection: DEADLINE_COLLECTION,
    key: recordKey(deadline.accountId, deadline.kind, deadline.key),
  };
}
