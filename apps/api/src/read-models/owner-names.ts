import type { AccountOps } from '@account-ops/engine';

/**
 * Adds each row's owner name, opened from the account's sealed events through the engine
 * (its state cache: after the first look at an account, no store read and no unwrap), so
 * the read models never hold names in clear. Null for a closed account (erased) and an
 * unknown one. One load per distinct account, whatever the number of rows.
 */
export async function withOwnerNames<T extends { readonly accountId: string }>(
  ops: AccountOps,
  rows: readonly T[],
): Promise<Array<T & { ownerName: string | null }>> {
  const names = new Map<string, string | null>();
  for (const accountId of new Set(rows.map((row) => row.accountId))) {
    const { state } = await ops.load(accountId);
    names.set(accountId, state.owner?.name ?? null);
  }
  return rows.map((row) => ({ ...row, ownerName: names.get(row.accountId) ?? null }));
}
