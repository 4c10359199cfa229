import type { AccountState } from '@account-ops/accounts';
import { DeadlineTracker } from '../deadlines/deadline-tracker';
import type { ThrowawayStore } from '../harness/throwaway-store';
import type { CommandLedger } from './command-ledger';
import { checkAcknowledged, checkHashChains, checkIdempotencyRecords } from './durability-check';
import { EventIndex } from './event-index';
import { checkInvariants } from './invariants';
import { MerkleCheck } from './merkle-check';
import { checkProjections } from './projection-check';

export interface CheckOptions {
  readonly label: string;
  /** Also compare the read models with a rebuild from zero (costs a full replay). */
  readonly rebuild: boolean;
  /** Final check: every deadline due by then must have fired. */
  readonly dueBy?: Date;
}

/**
 * Everything checked while the API is down after a kill, on the store it left behind.
 * Incremental (each check reads only what was committed since the previous one), except
 * `verifyEverything`, which re-reads the whole store at the end.
 */
export class CrashChecker {
  private readonly problems: string[] = [];
  private readonly index = new EventIndex(this.problems);
  readonly deadlines = new DeadlineTracker(this.problems);
  readonly merkle = new MerkleCheck();
  readonly figures = { checks: 0, commandsChecked: 0, hashChainsVerified: 0, rebuilds: 0 };

  constructor(
    private readonly store: ThrowawayStore,
    private readonly ledger: CommandLedger,
  ) {}

  get eventCount(): number {
    return this.index.eventCount;
  }

  /** An account's state as replayed from the events read so far. */
  accountState(accountId: string): AccountState | undefined {
    return this.index.accounts.get(accountId)?.state;
  }

  async check(options: CheckOptions): Promise<void> {
    this.problems.length = 0;
    const store = await this.store.open();
    try {
      const touched = await this.index.catchUp(store, (event) => {
        this.deadlines.onEvent(event);
        this.merkle.onEvent(event);
      });
      const { acknowledged, refused } = this.ledger.takeUnchecked();
      checkAcknowledged(this.index, acknowledged, refused, this.problems);
      await checkIdempotencyRecords(store, this.index, this.index.takeFreshGroups(), this.problems);
      this.figures.hashChainsVerified += await checkHashChains(store, touched, this.problems);
      checkInvariants(this.index, this.problems);
      await this.deadlines.compareWithStore(store);
      await this.merkle.check(store, this.problems);
      if (options.dueBy) {
        for (const missed of this.deadlines.overdue(options.dueBy)) {
          this.problems.push(`deadline never fired: ${JSON.stringify(missed)}`);
        }
      }
      const inline = this.store.backend === 'sqlite';
      // A read model that cannot even be rebuilt is one more problem, reported with the rest.
      const projections = await checkProjections(
        store,
        { inline, rebuild: options.rebuild },
        this.problems,
      ).catch((error: unknown) => {
        this.problems.push(`read models could not be checked: ${String(error)}`);
        return { rebuilt: false };
      });
      if (projections.rebuilt) this.figures.rebuilds++;
      this.figures.checks++;
      this.figures.commandsChecked += acknowledged.length + refused.length;
    } finally {
      await store.close();
    }
    this.failOnProblems(options.label);
  }

  /**
   * At the end: re-reads the store from the first event and checks every command ever
   * acknowledged — so one lost by a later crash would show — and every hash chain.
   */
  async verifyEverything(label: string): Promise<void> {
    this.problems.length = 0;
    const fresh = new EventIndex(this.problems);
    const store = await this.store.open();
    try {
      const streams = await fresh.catchUp(store);
      checkAcknowledged(fresh, this.ledger.acknowledged, this.ledger.refused, this.problems);
      await checkHashChains(store, streams, this.problems);
      if (fresh.eventCount !== this.index.eventCount) {
        this.problems.push(
          `store holds ${fresh.eventCount} events, earlier checks read ${this.index.eventCount}`,
        );
      }
    } finally {
      await store.close();
    }
    this.failOnProblems(label);
  }

  private failOnProblems(label: string): void {
    if (this.problems.length === 0) return;
    const shown = this.problems.slice(0, 20).join('\n  ');
    throw new Error(`${label}: ${this.problems.length} problem(s):\n  ${shown}`);
  }
}
