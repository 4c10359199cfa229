import type { Checkpointer, StoredCheckpoint } from './checkpointer';

export interface CheckpointScheduleOptions {
  /** Sign when this many seconds passed since the last checkpoint and the log grew. */
  readonly everySeconds: number;
  /** Sign when the log grew by this many events since the last checkpoint. */
  readonly everyEvents: number;
  readonly now?: () => Date;
}

/**
 * Decides, at each tick, whether a checkpoint is due: every N seconds (if anything was
 * appended) or every N events, whichever comes first. The caller drives `tick()` (the
 * API from a timer, tests directly), and `size` is how far the log has got.
 */
export class CheckpointSchedule {
  private last: { size: number; at: number } | undefined;

  constructor(
    private readonly checkpointer: Checkpointer,
    private readonly options: CheckpointScheduleOptions,
  ) {}

  /** Signs a checkpoint if one is due; answers it, or undefined. */
  async tick(currentSize: () => Promise<number>): Promise<StoredCheckpoint | undefined> {
    const now = (this.options.now?.() ?? new Date()).getTime();
    if (!this.last) {
      const latest = await this.checkpointer.latest();
      this.last = latest ? { size: latest.size, at: Date.parse(latest.time) } : { size: 0, at: 0 };
    }
    const size = await currentSize();
    const grown = size - this.last.size;
    const due =
      grown >= this.options.everyEvents ||
      (grown > 0 && now - this.last.at >= this.options.everySeconds * 1000);
    if (!due) return undefined;
    const checkpoint = await this.checkpointer.checkpoint();
    this.last = { size: checkpoint.size, at: now };
    return checkpoint;
  }
}
