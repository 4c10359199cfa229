/**
 * Which accounts of a polled list an actor has not been shown, by this route, within the
 * window: the console refreshes its lists every few seconds, and recording every row of
 * every refresh (one open queue of 113 refunds: ~28 records a second) would bury the reads
 * that matter. Kept per process, so several processes may each record a first sight.
 */
export class FirstSight {
  private readonly seen = new Map<string, number>();

  constructor(private readonly windowMs: number) {}

  /** The accounts not seen by `actor` on `what` since `nowMs − window`. */
  unseen(actor: string, what: string, accounts: readonly string[], nowMs: number): string[] {
    return accounts.filter((accountId) => {
      const last = this.seen.get(key(actor, what, accountId));
      return last === undefined || nowMs - last >= this.windowMs;
    });
  }

  /** Called once the records are stored: a failed record is not a sight. */
  saw(actor: string, what: string, accounts: readonly string[], nowMs: number): void {
    for (const accountId of accounts) this.seen.set(key(actor, what, accountId), nowMs);
    if (this.seen.size > 200_000) this.forgetBefore(nowMs - this.windowMs);
  }

  private forgetBefore(limitMs: number): void {
    for (const [k, at] of this.seen) if (at < limitMs) this.seen.delete(k);
  }
}

const key = (actor: string, what: string, accountId: string) =>
  `${actor}\u0000${what}\u0000${accountId}`;

/** How long a polled list's row counts as seen (docs/auditing.md, section 9). */
export const LIST_FIRST_SIGHT_MS = 15 * 60_000;
