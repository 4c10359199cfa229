import type { RecordedEvent } from '../port/envelope';
import type { Subscription } from '../port/event-store';
import { type Position, START } from '../port/position';
import type { AppendSignal } from './append-signal';

export interface PollingSubscriptionOptions {
  readonly fromPosition?: Position;
  readonly batchSize?: number;
  /** Longest wait between reads when no append signal arrives (other writers). */
  readonly pollIntervalMs?: number;
}

type ReadAfter = (after: Position, maxCount: number) => Promise<RecordedEvent[]>;

/**
 * A catch-up subscription over any adapter's gap-safe `readAll`: read batches until one
 * comes back short (caught up), then wait for an append signal or the poll interval.
 * Because every delivered event advances the checkpoint, each is delivered exactly once.
 */
export function pollingSubscription(
  readAfter: ReadAfter,
  signal: AppendSignal,
  options: PollingSubscriptionOptions = {},
): Subscription {
  const batchSize = options.batchSize ?? 500;
  const pollIntervalMs = options.pollIntervalMs ?? 1000;
  let stopped = false;
  let wakeStopped: (() => void) | undefined;
  const stoppedPromise = new Promise<void>((resolve) => (wakeStopped = resolve));

  async function* events(): AsyncGenerator<RecordedEvent> {
    let checkpoint = options.fromPosition ?? START;
    while (!stopped) {
      const generation = signal.current();
      const batch = await readAfter(checkpoint, batchSize);
      for (const event of batch) {
        if (stopped) return;
        checkpoint = event.globalPosition;
        yield event;
      }
      if (batch.length < batchSize && !stopped) {
        await Promise.race([signal.waitAfter(generation, pollIntervalMs), stoppedPromise]);
      }
    }
  }

  return {
    [Symbol.asyncIterator]: () => events(),
    async stop(): Promise<void> {
      stopped = true;
      wakeStopped?.();
    },
  };
}
