/** What one job of a group came to: its result, or the error it alone failed with. */
export type JobOutcome<R> =
  { readonly ok: true; readonly value: R } | { readonly ok: false; readonly error: unknown };

export interface CommitQueueOptions {
  /** Groups committing at once, each on its own connection. */
  readonly maxGroups: number;
  /** Jobs in one group at most. */
  readonly maxGroupSize: number;
}

interface Entry<J, R> {
  readonly job: J;
  readonly resolve: (result: R) => void;
  readonly reject: (error: unknown) => void;
}

/**
 * Group commit for an asynchronous database: jobs that arrive while the groups in flight
 * commit wait here, and the next free slot takes all of them (up to `maxGroupSize`) as
 * one group, so that N concurrent appends share one transaction and one WAL flush
 * instead of paying N. With nothing in flight a job starts at once (in the next turn of
 * the event loop, so that jobs submitted together start together): grouping only ever
 * comes from load, never from waiting. Every caller's promise settles only after its
 * group's outcome is known, i.e. after the commit.
 */
export class CommitQueue<J, R> {
  private readonly waiting: Entry<J, R>[] = [];
  private inFlight = 0;
  private scheduled = false;

  /**
   * @param runGroup commits one group; returns an outcome per job, in order. A rejection
   *   fails every job of the group with that error.
   */
  constructor(
    private readonly runGroup: (jobs: readonly J[]) => Promise<JobOutcome<R>[]>,
    private readonly options: CommitQueueOptions,
  ) {}

  submit(job: J): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.waiting.push({ job, resolve, reject });
      this.schedule();
    });
  }

  /** Jobs waiting for a slot and groups committing: for tests and metrics. */
  get pending(): { readonly waiting: number; readonly groups: number } {
    return { waiting: this.waiting.length, groups: this.inFlight };
  }

  private schedule(): void {
    if (this.scheduled || this.inFlight >= this.options.maxGroups) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.startGroups();
    });
  }

  private startGroups(): void {
    while (this.inFlight < this.options.maxGroups && this.waiting.length > 0) {
      const group = this.waiting.splice(0, this.options.maxGroupSize);
      this.inFlight++;
      void this.commit(group).finally(() => {
        this.inFlight--;
        if (this.waiting.length > 0) this.schedule();
      });
    }
  }

  private async commit(group: Entry<J, R>[]): Promise<void> {
    let outcomes: JobOutcome<R>[];
    try {
      outcomes = await this.runGroup(group.map((entry) => entry.job));
    } catch (error) {
      group.forEach((entry) => entry.reject(error));
      return;
    }
    group.forEach((entry, i) => {
      const outcome = outcomes[i];
      if (!outcome) entry.reject(new Error('group commit returned no outcome for a job'));
      else if (outcome.ok) entry.resolve(outcome.value);
      else entry.reject(outcome.error);
    });
  }
}
