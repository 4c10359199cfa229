import type { RecordedEvent } from '../port/envelope';
import type { EventStore, Subscription } from '../port/event-store';
import { formatPosition, parsePosition, START, type Position } from '../port/position';
import type { RecordStore } from '../port/records';
import { carriedRecords } from './carried-records';
import type { CarriedRecordsApplier } from './carried-records-applier';

const CHECKPOINT_COLLECTION = 'split-applier';
const CHECKPOINT_KEY = 'checkpoint';

export interface BackgroundApplierOptions {
  readonly onError?: (error: unknown) => void;
  /** Events per catch-up read (default 500). */
  readonly batchSize?: number;
  /** Waits before following again after a failure (default: 1 s, then doubling to 30 s). */
  readonly delay?: (attempt: number) => Promise<void>;
}

const defaultDelay = (attempt: number) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, Math.min(30_000, 1000 * 2 ** Math.max(0, attempt - 1)));
    timer.unref();
  });

/**
 * Follows the whole event store and applies the writes events carry that nobody applied
 * (the appending process died between its append and applying them, and no later command
 * on that stream came by). Every process may run one: applying is guarded per event, so
 * they never apply twice; the shared checkpoint only saves re-reading.
 */
export class BackgroundApplier {
  private subscription: Subscription | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;
  private readonly batchSize: number;
  private readonly delay: (attempt: number) => Promise<void>;
  private readonly onError: (error: unknown) => void;

  constructor(
    private readonly events: EventStore,
    private readonly records: RecordStore,
    private readonly applier: CarriedRecordsApplier,
    options: BackgroundApplierOptions = {},
  ) {
    this.batchSize = options.batchSize ?? 500;
    this.delay = options.delay ?? defaultDelay;
    this.onError = options.onError ?? (() => undefined);
  }

  start(): void {
    if (this.running) return;
    this.stopped = false;
    this.running = this.follow();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.subscription?.stop();
    await this.running;
    this.running = undefined;
  }

  /** Reads from the checkpoint to the head, applying as it goes; returns events applied. */
  async catchUp(): Promise<number> {
    let from = await this.checkpoint();
    let applied = 0;
    for (;;) {
      const page = await this.events.readAll({ fromPosition: from, maxCount: this.batchSize });
      for (const event of page) if (await this.applyIfPending(event)) applied++;
      if (page.length === 0) return applied;
      from = page[page.length - 1]!.globalPosition;
      await this.saveCheckpoint(from);
      if (page.length < this.batchSize) return applied;
    }
  }

  private async follow(): Promise<void> {
    for (let failures = 0; !this.stopped;) {
      try {
        const from = await this.checkpoint();
        this.subscription = this.events.subscribeToAll({
          fromPosition: from,
          batchSize: this.batchSize,
        });
        let sinceSaved = 0;
        for await (const event of this.subscription) {
          await this.applyIfPending(event);
          failures = 0;
          // Saved every batch, not every event: re-reading is cheap and changes nothing.
          if (++sinceSaved >= this.batchSize) {
            await this.saveCheckpoint(event.globalPosition);
            sinceSaved = 0;
          }
        }
        return;
      } catch (error) {
        if (this.stopped) return;
        this.onError(error);
        await this.delay(++failures);
      }
    }
  }

  private async applyIfPending(event: RecordedEvent): Promise<boolean> {
    if (carriedRecords(event).length === 0) return false;
    // Every version up to `through` is applied (commands settle their stream first).
    if (event.version <= (await this.applier.appliedThrough(event.streamId))) return false;
    return this.applier.apply(event);
  }

  private async checkpoint(): Promise<Position> {
    const record = await this.records.getRecord(CHECKPOINT_COLLECTION, CHECKPOINT_KEY);
    return (typeof record?.value === 'string' && parsePosition(record.value)) || START;
  }

  private async saveCheckpoint(at: Position): Promise<void> {
    await this.records.writeRecords([
      {
        op: 'upsert',
        collection: CHECKPOINT_COLLECTION,
        key: CHECKPOINT_KEY,
        value: formatPosition(at),
      },
    ]);
  }
}
