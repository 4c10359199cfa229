import { PERSONAL_DATA_FIELDS } from '@account-ops/accounts';
import { openOrNull, type SealedTextOpener } from '../shared/sealed-text';
import type { AuditEntry } from './audit.queries';

const isPersonal = (type: string, field: string): boolean =>
  (
    (PERSONAL_DATA_FIELDS as Readonly<Record<string, readonly string[] | undefined>>)[type] ?? []
  ).includes(field);

/**
 * An audit row with its note and free-text reason in clear (or `[erased]` after
 * closure): the row's event type and the column's field name are where the engine
 * sealed them. A reason that is a code (a freeze's, a refund request's) is no personal
 * data and is left as it is.
 */
export async function openAuditText(
  entry: AuditEntry,
  opener: SealedTextOpener,
): Promise<AuditEntry> {
  const { accountId, type } = entry;
  if (accountId === null) return entry;
  const open = (field: 'reason' | 'note') =>
    isPersonal(type, field)
      ? openOrNull(opener, accountId, type, field, entry[field])
      : Promise.resolve(entry[field]);
  const [reason, note] = await Promise.all([open('reason'), open('note')]);
  return { ...entry, reason, note };
}
