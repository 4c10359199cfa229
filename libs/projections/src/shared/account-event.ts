import { isDomainEvent, type DomainEvent } from '@account-ops/accounts';
import type { RecordedEvent } from '@account-ops/event-store';

/**
 * The prefix of account streams. It mirrors the engine's `accountStreamId`; projections
 * may not import the engine (dependencies point one way), and the prefix is part of the
 * stored data anyway.
 */
export const ACCOUNT_STREAM_PREFIX = 'account-';

/** The account a stream belongs to, or undefined for any other stream. */
export function accountIdOf(event: RecordedEvent): string | undefined {
  const { streamId } = event;
  return streamId.startsWith(ACCOUNT_STREAM_PREFIX) &&
    streamId.length > ACCOUNT_STREAM_PREFIX.length
    ? streamId.slice(ACCOUNT_STREAM_PREFIX.length)
    : undefined;
}

/** A stored event of an account stream, typed as the domain event it carries. */
export interface AccountEvent {
  readonly accountId: string;
  /** Undefined for a type the domain does not know (yet): projections skip its facts. */
  readonly event: DomainEvent | undefined;
  /** The domain's `at` (the decision's instant), else the envelope's `occurredAt`. */
  readonly at: string;
  readonly recorded: RecordedEvent;
}

/** The event's instant: `data.at` is what replay uses, so read models use it too. */
export function instantOf(recorded: RecordedEvent): string {
  const data = recorded.data as { at?: unknown } | null;
  return typeof data === 'object' && data !== null && typeof data.at === 'string'
    ? data.at
    : recorded.metadata.occurredAt;
}

/**
 * Reads an account event. Stored data is taken as the current schema: the store holds
 * schema version 1 of every type today, and upcasting, when a type gains a version 2,
 * belongs to whoever feeds the projections, as it does for the engine's repository.
 */
export function readAccountEvent(recorded: RecordedEvent): AccountEvent | undefined {
  const accountId = accountIdOf(recorded);
  if (accountId === undefined) return undefined;
  const candidate = { type: recorded.type, data: recorded.data };
  return {
    accountId,
    event: isDomainEvent(candidate) ? candidate : undefined,
    at: instantOf(recorded),
    recorded,
  };
}
