import type { RecordedEvent } from '../port/envelope';
import type { Subscription } from '../port/event-store';
import type { Position } from '../port/position';
import type { EsdbAllResolvedEvent, EsdbSubscriptionHandle } from './esdb-client';
import { isAfterCheckpoint } from './esdb-position';

/** How a subscription comes back after the client's subscription failed or ended. */
export interface ResubscribePolicy {
  /** Wait before the first resubscription after a failure. */
  readonly initialDelayMs: number;
  /** The wait doubles with each consecutive failure, up to this. */
  readonly maxDelayMs: number;
  /**
   * Consecutive failures (no event delivered in between) after which the iteration throws
   * the last error instead of trying again. Infinity: keep trying.
   */
  readonly maxAttempts: number;
}

/** 100 ms, doubling up to 5 s, never giving up: a projection should outlive a restart. */
export const DEFAULT_RESUBSCRIBE_POLICY: ResubscribePolicy = Object.freeze({
  initialDelayMs: 100,
  maxDelayMs: 5_000,
  maxAttempts: Number.POSITIVE_INFINITY,
});

/** The wait before resubscribing after the `failures`-th consecutive failure (1-based). */
export function resubscribeDelay(policy: ResubscribePolicy, failures: number): number {
  return Math.min(policy.maxDelayMs, policy.initialDelayMs * 2 ** Math.max(0, failures - 1));
}

/** Where a resubscribing subscription gets its client subscriptions and events from. */
export interface SubscriptionSource {
  /** Opens a client subscription delivering events after `checkpoint` (absent: all). */
  open(checkpoint: Position | undefined): EsdbSubscriptionHandle;
  /** Our event for a delivered one, or undefined to skip it (not one of our streams). */
  toRecorded(resolved: EsdbAllResolvedEvent): RecordedEvent | undefined;
}

export interface ResubscribingOptions {
  /** Exclusive checkpoint: delivery starts with the first event after it. */
  readonly fromPosition?: Position;
  readonly policy: ResubscribePolicy;
  /** Waits between attempts; injected so tests need not sleep. */
  readonly delay: (ms: number) => Promise<void>;
  /** Told about each failure before the wait (for logs and metrics). */
  readonly onError?: (error: unknown, consecutiveFailures: number) => void;
}

const STOPPED = Symbol('stopped');

/**
 * Our catch-up subscription over EventStoreDB's subscribeToAll. The client does not
 * resubscribe by itself: when its subscription emits 'error' (connection lost, leader
 * change, server restart) or just ends, this opens a new one from the last delivered
 * position after a bounded, growing wait. Events at or before that position are dropped,
 * so each event is delivered once, in order, however the server treats the start position.
 */
export function resubscribingSubscription(
  source: SubscriptionSource,
  options: ResubscribingOptions,
): Subscription {
  let stopped = false;
  let wakeStopped: () => void = () => undefined;
  const stoppedSignal = new Promise<typeof STOPPED>((resolve) => {
    wakeStopped = () => resolve(STOPPED);
  });
  const open = new Set<EsdbSubscriptionHandle>();

  function release(handle: EsdbSubscriptionHandle): void {
    if (!open.delete(handle)) return;
    // Cancel the gRPC call, and destroy the stream so that a pending read settles.
    void handle.unsubscribe().catch(() => undefined);
    handle.destroy();
  }

  async function* events(): AsyncGenerator<RecordedEvent> {
    let checkpoint = options.fromPosition;
    let failures = 0;
    while (!stopped) {
      const handle = source.open(checkpoint);
      open.add(handle);
      let failure: unknown;
      // The client emits 'error' when the call breaks, possibly after we stopped reading;
      // with no listener Node would raise it as an uncaught exception.
      handle.on('error', (error) => (failure ??= error));
      const iterator = handle[Symbol.asyncIterator]();
      try {
        for (;;) {
          let step: IteratorResult<EsdbAllResolvedEvent> | typeof STOPPED;
          try {
            step = await Promise.race([iterator.next(), stoppedSignal]);
          } catch (error) {
            failure = error;
            break;
          }
          if (step === STOPPED) return;
          if (step.done) {
            failure ??= new Error('the EventStoreDB subscription ended');
            break;
          }
          const event = source.toRecorded(step.value);
          if (!event || !isAfterCheckpoint(event.globalPosition, checkpoint)) continue;
          checkpoint = event.globalPosition;
          failures = 0;
          yield event;
          if (stopped) return;
        }
      } finally {
        release(handle);
      }
      if (stopped) return;
      failures++;
      if (failures > options.policy.maxAttempts) throw failure;
      options.onError?.(failure, failures);
      await Promise.race([
        options.delay(resubscribeDelay(options.policy, failures)),
        stoppedSignal,
      ]);
    }
  }

  return {
    [Symbol.asyncIterator]: () => events(),
    async stop(): Promise<void> {
      stopped = true;
      wakeStopped();
      [...open].forEach(release);
    },
  };
}
