import { randomUUID } from 'node:crypto';
import type { RecordStore } from '@account-ops/event-store';

const COLLECTION = 'step-up-failures';

/** How many wrong codes lock an actor's step-up, and within how long (PCI DSS 8.3.4). */
export interface StepUpLockoutPolicy {
  readonly maxFailures: number;
  readonly windowMinutes: number;
}

export const DEFAULT_STEP_UP_LOCKOUT: StepUpLockoutPolicy = Object.freeze({
  maxFailures: 10,
  windowMinutes: 15,
});

/** An actor's step-up is locked until `until` (or not). */
export interface LockoutStatus {
  readonly failures: number;
  readonly lockedUntil: string | null;
}

/**
 * Wrong step-up codes per actor, kept in the engine's records so that every process on
 * the store counts the same guesses. Each failure is its own row (actor, random id,
 * sort key = when), inserted and never updated: two processes recording at once cannot
 * lose a count. Only the actor id and the time are stored, never the code.
 *
 * The actor is locked while `maxFailures` or more failures fall inside the last
 * `windowMinutes`, i.e. until the oldest of the newest `maxFailures` leaves the window.
 */
export class StepUpLockout {
  constructor(
    private readonly records: RecordStore,
    readonly policy: StepUpLockoutPolicy = DEFAULT_STEP_UP_LOCKOUT,
  ) {
    if (!Number.isSafeInteger(policy.maxFailures) || policy.maxFailures < 1) {
      throw new RangeError('step-up lockout maxFailures must be a positive integer');
    }
    if (!Number.isSafeInteger(policy.windowMinutes) || policy.windowMinutes < 1) {
      throw new RangeError('step-up lockout windowMinutes must be a positive integer');
    }
  }

  private get windowMs(): number {
    return this.policy.windowMinutes * 60_000;
  }

  /** Failures inside the window, oldest first, and the rows that fell out of it. */
  private async read(actorId: string, now: Date) {
    const rows = await this.records.listRecords(COLLECTION, { keyPrefix: `${actorId}/` });
    const since = now.getTime() - this.windowMs;
    const times = rows.map((row) => ({ key: row.key, at: Date.parse(row.sortKey ?? '') }));
    const recent = times.filter((t) => t.at > since).sort((a, b) => a.at - b.at);
    const stale = times.filter((t) => !(t.at > since)).map((t) => t.key);
    return { recent, stale };
  }

  async status(actorId: string, now: Date): Promise<LockoutStatus> {
    const { recent } = await this.read(actorId, now);
    const { maxFailures } = this.policy;
    if (recent.length < maxFailures) return { failures: recent.length, lockedUntil: null };
    const pivot = recent[recent.length - maxFailures]!;
    return {
      failures: recent.length,
      lockedUntil: new Date(pivot.at + this.windowMs).toISOString(),
    };
  }

  /** Records one wrong code (and forgets failures that left the window); the new status. */
  async recordFailure(actorId: string, now: Date): Promise<LockoutStatus> {
    const { stale } = await this.read(actorId, now);
    await this.records.writeRecords([
      {
        op: 'insert',
        collection: COLLECTION,
        // Actor ids cannot contain `/` (SPEC ids), so the prefix never matches another actor.
        key: `${actorId}/${randomUUID()}`,
        sortKey: now.toISOString(),
        value: { actorId },
      },
      ...stale.map((key) => ({ op: 'delete' as const, collection: COLLECTION, key })),
    ]);
    return this.status(actorId, now);
  }

  /** An admin lifts the lock: the actor's failures are forgotten. The count removed. */
  async lift(actorId: string): Promise<number> {
    const rows = await this.records.listRecords(COLLECTION, { keyPrefix: `${actorId}/` });
    if (rows.length === 0) return 0;
    await this.records.writeRecords(
      rows.map((row) => ({ op: 'delete' as const, collection: COLLECTION, key: row.key })),
    );
    return rows.length;
  }
}
