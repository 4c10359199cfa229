import type { AccountEventPayloads } from './account-events';
import type { CancellationEventPayloads } from './cancellation-events';
import type { FreezeEventPayloads } from './freeze-events';
import type { RefundEventPayloads } from './refund-events';
import type { TopUpEventPayloads } from './top-up-events';

/** Every event's facts by event type (without the stamp). */
export type EventPayloads = AccountEventPayloads &
  TopUpEventPayloads &
  RefundEventPayloads &
  FreezeEventPayloads &
  CancellationEventPayloads;

export type EventType = keyof EventPayloads;

/**
 * Who and when, on every event: `at` is `context.now` of the decision and `by` the actor
 * id, so replay never needs the envelope's metadata.
 */
export type EventStamp = { at: string; by: string };

/** One event: `type` and `data` map 1:1 onto the event-store envelope. */
export type EventOf<T extends EventType> = { type: T; data: EventPayloads[T] & EventStamp };

/** Every domain event, as a union discriminated by `type`. Data is JSON-safe. */
export type DomainEvent = { [T in EventType]: EventOf<T> }[EventType];

/**
 * The `schemaVersion` to write with each event type. Bump one when its data changes shape
 * and add an upcaster in the engine for the old version.
 */
export const EVENT_SCHEMA_VERSIONS: { readonly [T in EventType]: number } = Object.freeze({
  AccountOpened: 1,
  BankCardChanged: 1,
  TopUpInitiated: 1,
  TopUpSettled: 1,
  TopUpFailed: 1,
  RefundRequested: 1,
  RefundApproved: 1,
  RefundRejected: 1,
  RefundCancelled: 1,
  RefundExpired: 1,
  RefundPayoutStarted: 1,
  RefundPayoutDeferred: 1,
  RefundPayoutRetried: 1,
  RefundPaidOut: 1,
  RefundPayoutFailed: 1,
  FailedLoginRecorded: 1,
  FreezeApplied: 1,
  FreezeLifted: 1,
  CancellationRequested: 1,
  CancellationWithdrawn: 1,
  FinalStatementIssued: 1,
  FinalPayoutIssued: 1,
  CancellationConfirmed: 1,
  AccountReactivated: 1,
  AccountClosed: 1,
});

export const EVENT_TYPES = Object.keys(EVENT_SCHEMA_VERSIONS) as EventType[];

/**
 * The personal-data fields of each event type, for the engine to encrypt with the
 * account's data key so that deleting the key on `AccountClosed` erases them.
 */
export const PERSONAL_DATA_FIELDS: {
  readonly [T in EventType]?: readonly (keyof EventPayloads[T])[];
} = Object.freeze({
  AccountOpened: ['ownerName', 'ownerEmail'],
  BankCardChanged: ['holderName'],
});

export function isDomainEvent(value: unknown): value is DomainEvent {
  if (typeof value !== 'object' || value === null) return false;
  const { type, data } = value as { type?: unknown; data?: unknown };
  return (
    typeof type === 'string' &&
    Object.hasOwn(EVENT_SCHEMA_VERSIONS, type) &&
    typeof data === 'object'
  );
}
