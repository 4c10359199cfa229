/** The body of a flood write, for the account a flood key names (`flood-<id>` → `fl-<id>`). */
export const FLOOD_ACCOUNT = (accountId: string) => ({
  accountId,
  ownerName: 'Flood',
  ownerEmail: 'flood@example.com',
  currency: 'EUR',
});
