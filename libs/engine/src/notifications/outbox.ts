import type { DomainEvent } from '@account-ops/accounts';
import type { JsonValue, RecordStore, RecordWrite, StoredRecord } from '@account-ops/event-store';
import type { Clock } from '../clock/clock';
import { SingleFlightTimer } from '../clock/single-flight-timer';
import type { SealedTextOpener } from '@account-ops/projections';
import {
  notificationFor,
  SEALED_FACTS,
  type Notification,
  type NotificationSender,
} from './notification';

const COLLECTION = 'outbox';
/** The record collection of the notification outbox. */
export const OUTBOX_COLLECTION = COLLECTION;

export interface OutboxEntry {
  readonly notification: Notification;
  readonly status: 'pending' | 'sent' | 'failed';
  readonly attempts: number;
  readonly lastError: string | null;
  readonly sentAt: string | null;
}

// Ids cannot contain a double quote, so a quoted id is a prefix of its own rows only.
const accountPrefix = (accountId: string): string => `${JSON.stringify(accountId)}#`;
const entryKey = (accountId: string, version: number): string =>
  `${accountPrefix(accountId)}${String(version).padStart(10, '0')}`;

/**
 * Outbox rows for the customer-facing events of one append, written in its transaction:
 * a notification exists exactly when its event does. `events` are the events as stored,
 * personal fields sealed, so the facts copied from them ({@link SEALED_FACTS}) are too.
 */
export function outboxWrites(
  accountId: string,
  firstVersion: number,
  events: readonly DomainEvent[],
): RecordWrite[] {
  return events.flatMap((event, i) => {
    const notification = notificationFor(accountId, firstVersion + i, event);
    if (!notification) return [];
    const entry: OutboxEntry = {
      notification,
      status: 'pending',
      attempts: 0,
      lastError: null,
      sentAt: null,
    };
    return [
      {
        op: 'insert',
        collection: COLLECTION,
        key: entryKey(accountId, firstVersion + i),
        sortKey: notification.occurredAt,
        value: entry as unknown as JsonValue,
      } satisfies RecordWrite,
    ];
  });
}

/** The notification with its sealed facts in clear (`[erased]` once the account closed). */
async function openFacts(
  notification: Notification,
  opener: SealedTextOpener,
): Promise<Notification> {
  const sealed = SEALED_FACTS[notification.kind];
  if (!sealed) return notification;
  const facts = { ...notification.facts };
  for (const field of sealed.fields) {
    const value = facts[field];
    if (typeof value === 'string')
      facts[field] = await opener.openText(notification.accountId, sealed.eventType, field, value);
  }
  return { ...notification, facts };
}

export interface OutboxRunReport {
  readonly sent: number;
  readonly retrying: number;
  readonly failed: number;
}

/**
 * Delivers pending notifications at least once: a row is marked sent only after the sender
 * returned, so a crash in between sends it again (receivers de-duplicate by `id`). Failures
 * are retried with exponential backoff, then parked as `failed` for ops to look at.
 */
export class OutboxDispatcher {
  private readonly worker = new SingleFlightTimer(() => this.deliverDue());

  constructor(
    private readonly records: RecordStore,
    private readonly sender: NotificationSender,
    private readonly clock: Clock,
    private readonly maxAttempts = 8,
    /** Opens the sealed facts before sending (the engine's vault); none: sent as stored. */
    private readonly opener?: () => SealedTextOpener,
  ) {}

  /** Every notification of an account, oldest first, with its delivery status. */
  async forAccount(accountId: string): Promise<OutboxEntry[]> {
    const rows = await this.records.listRecords(COLLECTION, {
      keyPrefix: accountPrefix(accountId),
    });
    return rows
      .map(toEntry)
      .sort((a, b) => a.notification.eventVersion - b.notification.eventVersion);
  }

  runDue(): Promise<OutboxRunReport> {
    return this.worker.run();
  }

  start(intervalMs = 1000): void {
    this.worker.start(intervalMs);
  }

  stop(): Promise<void> {
    return this.worker.stop();
  }

  private async deliverDue(): Promise<OutboxRunReport> {
    const now = this.clock.now();
    const due = await this.records.listRecords(COLLECTION, {
      sortKeyAtMost: now.toISOString(),
      limit: 100,
    });
    const report = { sent: 0, retrying: 0, failed: 0 };
    const opener = this.opener?.();
    for (const row of due) {
      const entry = toEntry(row);
      let next: OutboxEntry;
      let sortKey: string | null = null;
      try {
        await this.sender.send(
          opener ? await openFacts(entry.notification, opener) : entry.notification,
        );
        next = {
          ...entry,
          status: 'sent',
          attempts: entry.attempts + 1,
          sentAt: now.toISOString(),
        };
        report.sent++;
      } catch (error) {
        const attempts = entry.attempts + 1;
        const lastError = error instanceof Error ? error.message.slice(0, 500) : 'send failed';
        const gaveUp = attempts >= this.maxAttempts;
        next = { ...entry, status: gaveUp ? 'failed' : 'pending', attempts, lastError };
        if (gaveUp) report.failed++;
        else {
          report.retrying++;
          sortKey = new Date(
            now.getTime() + Math.min(3_600_000, 30_000 * 2 ** (attempts - 1)),
          ).toISOString();
        }
      }
      await this.records.writeRecords([
        {
          op: 'upsert',
          collection: COLLECTION,
          key: row.key,
          sortKey,
          value: next as unknown as JsonValue,
        },
      ]);
    }
    return report;
  }
}

/**
 * The facts of an outbox row that {@link SEALED_FACTS} says are someone's words and that
 * are still in clear (written before they were sealed), with the event type they belong to.
 */
export function clearFactsOf(
  row: StoredRecord,
): { readonly eventType: string; readonly fields: readonly string[] } | undefined {
  const { notification } = toEntry(row);
  const sealed = SEALED_FACTS[notification.kind];
  if (!sealed) return undefined;
  const fields = sealed.fields.filter((field) => {
    const value = notification.facts[field];
    return typeof value === 'string' && !value.startsWith('enc:v1:');
  });
  return fields.length > 0 ? { eventType: sealed.eventType, fields } : undefined;
}

function toEntry(row: StoredRecord): OutboxEntry {
  return row.value as unknown as OutboxEntry;
}

/** The default sender: one JSON line per notification on stdout, for a log pipeline to pick up. */
export const logNotificationSender = (
  write: (line: string) => void = (line) => process.stdout.write(line),
): NotificationSender => ({
  async send(notification) {
    write(`${JSON.stringify({ msg: 'notification', ...notification })}\n`);
  },
});
