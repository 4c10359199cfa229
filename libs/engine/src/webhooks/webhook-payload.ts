import { isDomainEvent, PERSONAL_DATA_FIELDS, type DomainEvent } from '@account-ops/accounts';
import { formatPosition, type JsonValue, type RecordedEvent } from '@account-ops/event-store';
import { ACCOUNT_STREAM_PREFIX } from '../repository/account-stream';
import { notificationFor, SEALED_FACTS, type Notification } from '../notifications/notification';
import type { NewDelivery } from './webhook-store';

/** Subscribes to every event and notification. */
export const ALL_TOPICS = '*';

/**
 * What an endpoint receives for one event, or undefined when it did not subscribe to it
 * (by event type, by notification kind, or `*`). The body carries the event without its
 * personal fields (names, e-mail addresses, notes and free-text reasons: those stay sealed
 * in the store) and, for a customer-facing event, the notification the customer gets,
 * without those either.
 */
export function deliveryFor(
  event: RecordedEvent,
  topics: readonly string[],
): NewDelivery | undefined {
  if (!event.streamId.startsWith(ACCOUNT_STREAM_PREFIX)) return undefined;
  const candidate = { type: event.type, data: event.data } as unknown;
  if (!isDomainEvent(candidate)) return undefined;
  const domainEvent = candidate as DomainEvent;
  const accountId = event.streamId.slice(ACCOUNT_STREAM_PREFIX.length);
  const notification = notificationFor(accountId, event.version, domainEvent);
  const all = topics.includes(ALL_TOPICS);
  const topic =
    all || topics.includes(event.type)
      ? event.type
      : notification && topics.includes(notification.kind)
        ? notification.kind
        : undefined;
  if (!topic) return undefined;
  const personal =
    (PERSONAL_DATA_FIELDS as Record<string, readonly string[] | undefined>)[event.type] ?? [];
  const data = Object.fromEntries(
    Object.entries(event.data as Record<string, JsonValue>).filter(([k]) => !personal.includes(k)),
  );
  const position = formatPosition(event.globalPosition);
  const body = {
    id: event.eventId,
    type: event.type,
    accountId,
    version: event.version,
    position,
    occurredAt: domainEvent.data.at,
    data,
    notification: notification
      ? { id: notification.id, kind: notification.kind, facts: withoutSealed(notification) }
      : null,
  };
  return { eventId: event.eventId, accountId, position, topic, payload: JSON.stringify(body) };
}

/** The facts without someone's words (sealed in the event; see SEALED_FACTS). */
function withoutSealed({ kind, facts }: Notification): Notification['facts'] {
  const sealed = SEALED_FACTS[kind]?.fields ?? [];
  return Object.fromEntries(Object.entries(facts).filter(([k]) => !sealed.includes(k)));
}
