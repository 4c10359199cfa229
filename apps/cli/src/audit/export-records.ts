import { PERSONAL_DATA_FIELDS, type DomainEvent } from '@account-ops/accounts';
import type { PersonalDataVault } from '@account-ops/engine';
import { formatPosition, type JsonValue, type RecordedEvent } from '@account-ops/event-store';

/** One event of an export: the stored envelope, flattened, plus its personal data readable. */
export interface ExportedEvent {
  readonly position: string;
  readonly version: number;
  readonly eventId: string;
  readonly type: string;
  readonly schemaVersion: number;
  readonly occurredAt: string;
  readonly actor: { readonly id: string; readonly roles: readonly string[] };
  readonly correlationId: string;
  readonly causationId: string;
  readonly idempotencyKey: string | null;
  /** Exactly as stored (personal fields encrypted), so `hash` can be recomputed from it. */
  readonly data: JsonValue;
  /**
   * The event's personal fields decrypted while the account's data key exists,
   * `[erased]` once it was shredded at closure; absent for events without any.
   */
  readonly personalData?: Readonly<Record<string, string>>;
  readonly prevHash: string;
  readonly hash: string;
}

/** Shown instead of a field whose ciphertext AES-GCM refuses: it was altered. */
export const UNREADABLE = '[unreadable: ciphertext altered]';

const fieldsOf = (type: string): readonly string[] =>
  (PERSONAL_DATA_FIELDS as Readonly<Record<string, readonly string[] | undefined>>)[type] ?? [];

/** Builds export records for one account, decrypting through the engine's vault. */
export function exportRecords(vault: PersonalDataVault, accountId: string) {
  let key: Promise<Buffer | undefined> | undefined;
  return async (event: RecordedEvent): Promise<ExportedEvent> => {
    const { metadata } = event;
    const fields = fieldsOf(event.type);
    const record: ExportedEvent = {
      position: formatPosition(event.globalPosition),
      version: event.version,
      eventId: event.eventId,
      type: event.type,
      schemaVersion: event.schemaVersion,
      occurredAt: metadata.occurredAt,
      actor: { id: metadata.actor.id, roles: [...metadata.actor.roles] },
      correlationId: metadata.correlationId,
      causationId: metadata.causationId,
      idempotencyKey: metadata.idempotencyKey ?? null,
      data: event.data,
      prevHash: metadata.prevHash,
      hash: metadata.hash,
    };
    if (fields.length === 0) return record;
    key ??= vault.keyFor(accountId);
    return { ...record, personalData: await readable(vault, accountId, event, fields, await key) };
  };
}

async function readable(
  vault: PersonalDataVault,
  accountId: string,
  event: RecordedEvent,
  fields: readonly string[],
  key: Buffer | undefined,
): Promise<Record<string, string>> {
  try {
    const opened = vault.open(
      accountId,
      { type: event.type, data: event.data } as DomainEvent,
      key,
    );
    const data = opened.data as unknown as Record<string, unknown>;
    return Object.fromEntries(fields.map((f) => [f, String(data[f] ?? '')]));
  } catch {
    return Object.fromEntries(fields.map((f) => [f, UNREADABLE]));
  }
}
