import type { AccountOps } from '@account-ops/engine';

type Named<T> = T & { ownerName: string | null };

/**
 * Adds each row's owner name, opened from the account's sealed events through the engine,
 * so the read models never hold names in clear. Null for a closed account (erased) and an
 * unknown one. One load per distinct account, whatever the number of rows.
 */
export async function withOwnerNames<T extends { readonly accountId: string }>(
  ops: AccountOps,
  rows: readonly T[],
  known: ReadonlyMap<string, string | null> = new Map(),
): Promise<{ rows: Named<T>[]; names: Map<string, string | null> }> {
  const names = new Map<string, string | null>();
  for (const accountId of new Set(rows.map((row) => row.accountId))) {
    const cached = known.get(accountId);
    if (cached !== undefined) names.set(accountId, cached);
    else names.set(accountId, (await ops.load(accountId)).state.owner?.name ?? null);
  }
  return {
    rows: rows.map((row) => ({ ...row, ownerName: names.get(row.accountId) ?? null })),
    names,
  };
}

/**
 * The approval queue's owner names, kept between polls (the console asks every 4 s; a
 * store with 10,000 refunds waiting would otherwise open 10,000 accounts each time, and
 * make every other request wait). Safe to keep: an account with a refund awaiting approval
 * cannot be closed (open refunds block cancellation), and each poll keeps only the accounts
 * still in the queue, so a name leaves memory at the first poll after its last refund was
 * decided. Per process; other lists (`?status=`) open names each time.
 */
export class QueueOwnerNames {
  #names = new Map<string, string | null>();

  async add<T extends { readonly accountId: string }>(
    ops: AccountOps,
    rows: readonly T[],
  ): Promise<Named<T>[]> {
    const { rows: named, names } = await withOwnerNames(ops, rows, this.#names);
    this.#names = names;
    return named;
  }
}
