import { commandForDeadline, isDomainError, type Actor } from '@account-ops/accounts';
import type { RecordStore } from '@account-ops/event-store';
import type { Clock } from '../clock/clock';
import { SingleFlightTimer } from '../clock/single-flight-timer';
import type { CommandExecutor } from '../commands/command-executor';
import {
  DEADLINE_COLLECTION,
  deadlineDone,
  toStoredDeadline,
  type StoredDeadline,
} from './deadline-records';

export const SCHEDULER_ACTOR: Actor = { id: 'deadline-scheduler', roles: ['scheduler'] };

export interface DeadlineRunReport {
  /** Deadlines whose command appended events (a refund expired, an account closed). */
  readonly fired: number;
  /** Deadlines made stale by a later event: nothing to do, removed. */
  readonly stale: number;
  /** Deadlines moved later since they were read (e.g. cancelled again after reactivation): kept. */
  readonly rescheduled: number;
  readonly failed: ReadonlyArray<{ readonly deadline: StoredDeadline; readonly error: string }>;
}

/**
 * Fires due deadlines through the normal command path, as a `system` actor. Safe to run
 * twice or to crash mid-way: the command that expires a refund or closes an account
 * removes its deadline in the same transaction, and a repeated firing finds the refund
 * or account already settled, so `decide` returns nothing and the leftover is removed.
 */
export class DeadlineScheduler {
  private readonly worker = new SingleFlightTimer(() => this.fireDue());

  constructor(
    private readonly records: RecordStore,
    private readonly executor: CommandExecutor,
    private readonly clock: Clock,
    private readonly batchSize = 100,
  ) {}

  /** Fires every deadline due at the clock's now; one run at a time. */
  runDue(): Promise<DeadlineRunReport> {
    return this.worker.run();
  }

  /** Due deadlines, oldest first (for `deadlines list --due`). */
  async due(limit = this.batchSize): Promise<StoredDeadline[]> {
    const records = await this.records.listRecords(DEADLINE_COLLECTION, {
      sortKeyAtMost: this.clock.now().toISOString(),
      limit,
    });
    return records.map(toStoredDeadline);
  }

  start(intervalMs = 1000): void {
    this.worker.start(intervalMs);
  }

  stop(): Promise<void> {
    return this.worker.stop();
  }

  private async fireDue(): Promise<DeadlineRunReport> {
    let fired = 0;
    let stale = 0;
    let rescheduled = 0;
    const failed: Array<{ deadline: StoredDeadline; error: string }> = [];
    for (const deadline of await this.due()) {
      try {
        // A due deadline is the engine's own work: never shed (it would only come back next tick).
        const result = await this.executor.execute(
          commandForDeadline(deadline.accountId, deadline, SCHEDULER_ACTOR),
          { sheddable: false },
        );
        if (result.events.length > 0) fired++;
        else {
          await this.records.writeRecords([deadlineDone(deadline)]);
          stale++;
        }
      } catch (error) {
        if (isDomainError(error) && error.code === 'DEADLINE_NOT_REACHED') rescheduled++;
        else
          failed.push({ deadline, error: error instanceof Error ? error.message : String(error) });
      }
    }
    return { fired, stale, rescheduled, failed };
  }
}
