/**
 * Opens a free-text value the engine sealed with an account's data key before it was
 * stored (an event field listed in `PERSONAL_DATA_FIELDS`, copied into a read model as
 * stored). A port, so the projections need no key: the engine's `AccountOps.openText`
 * implements it — clear text while the key exists, `[erased]` once it was shredded at
 * closure, and a value that was never sealed back as it is.
 */
export interface SealedTextOpener {
  openText(accountId: string, eventType: string, field: string, value: string): Promise<string>;
}

/** `value` opened as the `field` of a `eventType` event of the account; null stays null. */
export async function openOrNull(
  opener: SealedTextOpener,
  accountId: string,
  eventType: string,
  field: string,
  value: string | null,
): Promise<string | null> {
  return value === null ? null : opener.openText(accountId, eventType, field, value);
}
