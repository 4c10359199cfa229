import type { RecordedEvent } from '../port/envelope';
import { GENESIS_HASH } from './hash-chain';
import { storedHashMatches } from './stored-hash';

export type VerificationFailureReason =
  'hash_mismatch' | 'prev_hash_mismatch' | 'version_gap' | 'wrong_stream' | 'unreadable';

export interface VerificationResult {
  readonly ok: boolean;
  /** Events checked, including the bad one. */
  readonly checked: number;
  readonly firstBad?: {
    readonly version: number;
    readonly eventId: string;
    readonly reason: VerificationFailureReason;
  };
}

/** Events in stream order: one by one, or in pages (arrays) as they are read. */
export type StreamEvents =
  | Iterable<RecordedEvent | readonly RecordedEvent[]>
  | AsyncIterable<RecordedEvent | readonly RecordedEvent[]>;

/**
 * Walks one stream from its first event and returns the first event whose hash, link to
 * its predecessor or version number is wrong. Stops there: what follows a broken link
 * cannot be trusted either. `events` may yield events or pages of events (an event is
 * never an array): a reader that yields whole pages spares an asynchronous step per
 * event, and a synchronous source is walked without any.
 */
export async function verifyStream(
  streamId: string,
  events: StreamEvents,
): Promise<VerificationResult> {
  const walk = new ChainWalk(streamId);
  if (Symbol.iterator in events) {
    for (const item of events) if (!walk.take(item)) break;
  } else {
    for await (const item of events) if (!walk.take(item)) break;
  }
  return walk.result();
}

/** The state of a walk along one stream's chain. */
class ChainWalk {
  private expectedPrev = GENESIS_HASH;
  private expectedVersion = 1;
  private checked = 0;
  private bad: VerificationResult['firstBad'];

  constructor(private readonly streamId: string) {}

  /** Checks an event or a page; false once a bad event was found. */
  take(item: RecordedEvent | readonly RecordedEvent[]): boolean {
    if (!isPage(item)) return this.check(item);
    for (const event of item) if (!this.check(event)) return false;
    return true;
  }

  result(): VerificationResult {
    return this.bad
      ? { ok: false, checked: this.checked, firstBad: this.bad }
      : { ok: true, checked: this.checked };
  }

  private check(event: RecordedEvent): boolean {
    this.checked++;
    const reason = findProblem(event, this.streamId, this.expectedVersion, this.expectedPrev);
    if (reason) {
      this.bad = { version: event.version, eventId: event.eventId, reason };
      return false;
    }
    this.expectedPrev = event.metadata.hash;
    this.expectedVersion++;
    return true;
  }
}

function isPage(item: RecordedEvent | readonly RecordedEvent[]): item is readonly RecordedEvent[] {
  return Array.isArray(item);
}

function findProblem(
  event: RecordedEvent,
  streamId: string,
  expectedVersion: number,
  expectedPrev: string,
): VerificationFailureReason | undefined {
  if (event.streamId !== streamId) return 'wrong_stream';
  if (event.version !== expectedVersion) return 'version_gap';
  if (event.metadata.prevHash !== expectedPrev) return 'prev_hash_mismatch';
  try {
    return storedHashMatches(event) ? undefined : 'hash_mismatch';
  } catch {
    return 'unreadable';
  }
}
