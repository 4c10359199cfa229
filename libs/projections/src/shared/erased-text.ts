import { ERASED_TEXT } from '@account-ops/accounts';

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
