import type { AccountState } from '@account-ops/accounts';
import type { VerificationResult } from '@account-ops/event-store';
import { auditFields } from '@account-ops/projections';
import type { ExportedEvent } from '../audit/export-records';
import { csvRow } from './csv';

/** Names the JSON export's layout, so a reader can tell versions apart. */
export const EXPORT_FORMAT = 'account-ops-export-v1';

/** What an export starts with. */
export interface ExportHeader {
  readonly accountId: string;
  readonly version: number;
  readonly exportedAt: string;
}

/** What an export ends with, known only once every event was read. */
export interface ExportFooter {
  readonly verification: VerificationResult;
  readonly state: AccountState;
}

/** Turns an export into text piece by piece, so big streams never sit in memory whole. */
export interface ExportWriter {
  begin(header: ExportHeader): string;
  event(event: ExportedEvent, index: number): string;
  end(footer: ExportFooter): string;
}

/**
 * One JSON document: header fields, `events` one per line, then `verification` (the
 * hash-chain check of exactly these events) and `state` (the replayed state at `version`).
 */
export const jsonExport: ExportWriter = {
  begin: (h) =>
    `{"format":${JSON.stringify(EXPORT_FORMAT)},"exportedAt":${JSON.stringify(h.exportedAt)},` +
    `"accountId":${JSON.stringify(h.accountId)},"version":${h.version},"events":[`,
  event: (e, i) => `${i === 0 ? '\n' : ',\n'}${JSON.stringify(e)}`,
  end: (f) =>
    `\n],"verification":${JSON.stringify(f.verification)},"state":${JSON.stringify(f.state)}}\n`,
};

const CSV_COLUMNS = [
  'position',
  'version',
  'event_id',
  'occurred_at',
  'type',
  'actor_id',
  'actor_roles',
  'subject_id',
  'amount',
  'currency',
  'reason',
  'note',
  'card_last4',
  'personal_data',
  'data',
  'prev_hash',
  'hash',
];

/**
 * One row per event for spreadsheets: who, when, what, amount (minor units) and reason in
 * their own columns (picked as the audit read model picks them), personal data decrypted
 * as JSON, and the stored `data` and hashes for completeness.
 */
export const csvExport: ExportWriter = {
  begin: () => csvRow(CSV_COLUMNS),
  event: (e) => {
    const f = auditFields(e.type, e.data);
    return csvRow([
      e.position,
      e.version,
      e.eventId,
      e.occurredAt,
      e.type,
      e.actor.id,
      e.actor.roles.join('|'),
      f.subjectId,
      f.amount,
      f.currency,
      f.reason,
      f.note,
      f.cardLast4,
      e.personalData ? JSON.stringify(e.personalData) : null,
      JSON.stringify(e.data),
      e.prevHash,
      e.hash,
    ]);
  },
  end: () => '',
};
