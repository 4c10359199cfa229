import { ERASED_TEXT, PERSONAL_DATA_FIELDS, type EventType } from '@account-ops/accounts';

/**
 * `column = '[erased]'` where it holds text, NULL staying NULL, optionally only where
 * `condition` (SQL) holds: how a projection erases a closed account's free text. The
 * values are sealed with the account's data key anyway since free text became personal
 * data; this also erases text stored in clear before that, and keeps every row the same
 * whether it was projected before or after the key was shredded.
 */
export function eraseColumn(column: string, condition?: string): readonly [string, string] {
  const when = condition ? `${column} IS NOT NULL AND ${condition}` : `${column} IS NOT NULL`;
  return [`${column} = CASE WHEN ${when} THEN ? ELSE ${column} END`, ERASED_TEXT];
}

/** The event types whose `field` is personal data (sealed by the engine). */
export function typesSealing(field: string): EventType[] {
  return Object.entries(PERSONAL_DATA_FIELDS)
    .filter(([, fields]) => (fields as readonly string[]).includes(field))
    .map(([type]) => type as EventType);
}

/** `'A', 'B'`: a list of SQL string literals (event types are plain identifiers). */
export const sqlList = (values: readonly string[]): string =>
  values.map((v) => `'${v.replace(/'/g, "''")}'`).join(', ');
