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
  TopUpLimitsSet: 1,
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
 * account's data key so that deleting the key on `AccountClosed` erases them: the
 * customer's identity (owner, card holder) and every free text a person typed (notes,
 * free-text reasons, decision reasons, the bank's name as entered). Codes (a refund's or
 * a freeze's reason code), amounts, ids and dates are the financial history and stay in
 * clear. `personal-data-fields.spec.ts` fails when a command's free-text field reaches an
 * event field that is not listed here.
 */
export const PERSONAL_DATA_FIELDS: {
  readonly [T in EventType]?: readonly (keyof EventPayloads[T])[];
} = Object.freeze({
  AccountOpened: ['ownerName', 'ownerEmail'],
  BankCardChanged: ['holderName', 'bankName'],
  TopUpFailed: ['reason'],
  TopUpLimitsSet: ['reason'],
  RefundRequested: ['note'],
  RefundApproved: ['note'],
  RefundRejected: ['reason'],
  RefundCancelled: ['reason'],
  RefundPayoutRetried: ['note'],
  RefundPayoutFailed: ['reason'],
  FreezeApplied: ['note'],
  FreezeLifted: ['note'],
  CancellationRequested: ['reason'],
  CancellationWithdrawn: ['note'],
  CancellationConfirmed: ['note'],
  AccountReactivated: ['note'],
});

/**
 * What a personal field reads as once the account's data key was deleted at closure
 * (crypto-shredding): the engine's vault returns it for a sealed field, and `evolve`
 * writes it over the free text the state holds when the account closes.
 */
export const ERASED_TEXT = '[erased]';

export function isDomainEvent(value: unknown): value is DomainEvent {
  if (typeof value !== 'object' || value === null) return false;
  const { type, data } = value as { type?: unknown; data?: unknown };
  return (
    typeof type === 'string' &&
    Object.hasOwn(EVENT_SCHEMA_VERSIONS, type) &&
    typeof data === 'object'
  );
}
