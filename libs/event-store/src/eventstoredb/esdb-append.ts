import { sealEvents, type StreamTip } from '../append/seal-events';
import { GENESIS_HASH } from '../hash/hash-chain';
import type { NewEvent, RecordedEvent } from '../port/envelope';
import { DuplicateEventId, StreamNotFound, WrongExpectedVersion } from '../port/errors';
import type { AppendResult } from '../port/event-store';
import { type ExpectedVersion, expectedVersionHolds } from '../port/expected-version';
import type { Position } from '../port/position';
import { BACKWARDS, END as ESDB_END, type EsdbClient, FORWARDS } from './esdb-client';
import { EsdbRevisionConflict } from './esdb-client-errors';
import { toEsdbEvent } from './esdb-envelope';
import { translateAppendError } from './esdb-errors';
import { readStreamEvents } from './esdb-stream-reader';
import { planAppend } from './expected-revision';
import { classifyTail } from './idempotent-retry';

/** The stream's last event as an append needs it: what to chain onto, and its id. */
interface Tip extends StreamTip {
  readonly position: Position | undefined;
  readonly lastEventId: string | undefined;
}

const EMPTY_TIP: Tip = {
  version: 0,
  hash: GENESIS_HASH,
  position: undefined,
  lastEventId: undefined,
};

/** What an {@link EsdbAppend} needs besides the client. */
export interface EsdbAppendSettings {
  readonly now: () => Date;
  /** Attempts for `any`/`stream_exists` appends that lose to other writers. */
  readonly maxAttempts: number;
  readonly delay: (ms: number) => Promise<void>;
}

/**
 * One append to one stream: read the tip, seal onto it, write with the tip's revision,
 * read the written events back. Callers run appends to one stream one at a time (the
 * store's queue); writers elsewhere are caught by the expected revision.
 */
export class EsdbAppend {
  constructor(
    private readonly client: EsdbClient,
    private readonly settings: EsdbAppendSettings,
  ) {}

  async append(
    streamId: string,
    name: string,
    events: readonly NewEvent[],
    expected: ExpectedVersion,
  ): Promise<AppendResult> {
    for (let attempt = 1; ; attempt++) {
      const tip = await this.readTip(streamId, name);
      if (events.length === 0) {
        if (!expectedVersionHolds(expected, tip.version))
          throw new WrongExpectedVersion(streamId, expected, tip.version);
        return { nextExpectedVersion: tip.version, position: tip.position, events: [] };
      }
      const sealed = sealEvents(streamId, events, tip, this.settings.now());
      const ids = sealed.map((event) => event.eventId);
      const tail = classifyTail(expected, tip, ids);
      if (tail.kind === 'duplicate') throw new DuplicateEventId(tail.eventId);
      if (tail.kind === 'possible-retry') return this.acknowledgeRetry(streamId, name, ids);
      const plan = planAppend(
        expected,
        tip.version,
        events.every((event) => event.eventId !== undefined),
      );
      if (plan.kind === 'reject') throw new WrongExpectedVersion(streamId, expected, plan.actual);
      let lastRevision: bigint;
      try {
        const written = await this.client.appendToStream(name, sealed.map(toEsdbEvent), {
          expectedRevision: plan.expectedRevision,
          requiresLeader: true,
        });
        lastRevision = written.nextExpectedRevision;
      } catch (error) {
        const retry =
          plan.retryOnConflict &&
          error instanceof EsdbRevisionConflict &&
          attempt < this.settings.maxAttempts;
        if (!retry) throw translateAppendError(error, streamId, expected);
        // Another process appended after our read: chain onto its events instead, after a
        // short jitter so that racing processes do not collide again in lockstep.
        await this.settings.delay(Math.floor(Math.random() * 5 * attempt));
        continue;
      }
      return this.readBack(streamId, name, lastRevision, ids);
    }
  }

  /** The stream's last event, read from the leader so that it is the current tip. */
  private async readTip(streamId: string, name: string): Promise<Tip> {
    let last: RecordedEvent | undefined;
    try {
      [last] = await this.read(streamId, name, ESDB_END, BACKWARDS, 1);
    } catch (error) {
      if (error instanceof StreamNotFound) return EMPTY_TIP;
      throw error;
    }
    if (!last) return EMPTY_TIP;
    return {
      version: last.version,
      hash: last.metadata.hash,
      position: last.globalPosition,
      lastEventId: last.eventId,
    };
  }

  /**
   * The stream may already end with these ids: a retry of an append that landed. Answers
   * with the stored events, as the server answers a retried write, or refuses the reuse.
   */
  private async acknowledgeRetry(
    streamId: string,
    name: string,
    ids: readonly string[],
  ): Promise<AppendResult> {
    const stored = (await this.read(streamId, name, ESDB_END, BACKWARDS, ids.length)).reverse();
    if (stored.length !== ids.length || stored.some((event, i) => event.eventId !== ids[i])) {
      throw new DuplicateEventId(ids[ids.length - 1]!);
    }
    return resultOf(stored);
  }

  /**
   * Reads the events just written, for their positions: the append answers with one
   * position only, while every recorded event needs its own. The server may also have
   * acknowledged a retried write, whose stored events are then returned.
   */
  private async readBack(
    streamId: string,
    name: string,
    lastRevision: bigint,
    ids: readonly string[],
  ): Promise<AppendResult> {
    const first = lastRevision - BigInt(ids.length - 1);
    const stored = await this.read(streamId, name, first, FORWARDS, ids.length);
    if (stored.length !== ids.length || stored.some((event, i) => event.eventId !== ids[i])) {
      throw new Error(
        `EventStoreDB acknowledged an append to ${streamId}, but revisions ${first}–${lastRevision} hold other events`,
      );
    }
    return resultOf(stored);
  }

  private read(
    streamId: string,
    name: string,
    fromRevision: bigint | typeof ESDB_END,
    direction: typeof FORWARDS | typeof BACKWARDS,
    maxCount: number,
  ): Promise<RecordedEvent[]> {
    // From the leader: a follower could answer with a tip that is already stale.
    return readStreamEvents(this.client, streamId, name, {
      fromRevision,
      direction,
      maxCount,
      requiresLeader: true,
    });
  }
}

function resultOf(stored: RecordedEvent[]): AppendResult {
  const last = stored[stored.length - 1]!;
  return { nextExpectedVersion: last.version, position: last.globalPosition, events: stored };
}
