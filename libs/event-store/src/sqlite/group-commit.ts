/**
 * Collects work submitted in the same turn of the event loop and runs it as one batch,
 * so that many appends share one durable commit (one fsync) while each still succeeds
 * or fails on its own. A caller's promise settles only after the batch has committed.
 */
export class GroupCommit<Job, Result> {
  private queue: Array<{ job: Job; resolve: (r: Result) => void; reject: (e: unknown) => void }> =
    [];
  private scheduled = false;

  /**
   * @param runBatch runs every job of a batch in one transaction; returns, per job, its
   *   result or the error that job alone failed with. Throwing fails the whole batch.
   */
  constructor(
    private readonly runBatch: (
      jobs: Job[],
    ) => Array<{ ok: true; value: Result } | { ok: false; error: unknown }>,
    private readonly maxBatch = 1000,
  ) {}

  submit(job: Job): Promise<Result> {
    return new Promise((resolve, reject) => {
      this.queue.push({ job, resolve, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  private flush(): void {
    this.scheduled = false;
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, this.maxBatch);
      let outcomes;
      try {
        outcomes = this.runBatch(batch.map((entry) => entry.job));
      } catch (error) {
        batch.forEach((entry) => entry.reject(error));
        continue;
      }
      batch.forEach((entry, i) => {
        const outcome = outcomes[i]!;
        if (outcome.ok) entry.resolve(outcome.value);
        else entry.reject(outcome.error);
      });
    }
  }
}
