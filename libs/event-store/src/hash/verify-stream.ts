import type { RecordedEvent } from '../port/envelope';
import { computeEventHash, GENESIS_HASH, hashedContentOf } from './hash-chain';

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

/**
 * Walks one stream from its first event and returns the first event whose hash, link to
 * its predecessor or version number is wrong. Stops there: what follows a broken link
 * cannot be trusted either.
 */
export async function verifyStream(
  streamId: string,
  events: Iterable<RecordedEvent> | AsyncIterable<RecordedEvent>,
): Promise<VerificationResult> {
  let expectedPrev = GENESIS_HASH;
  let expectedVersion = 1;
  let checked = 0;
  for await (const event of events) {
    checked++;
    const reason = findProblem(event, streamId, expectedVersion, expectedPrev);
    if (reason) {
      return {
        ok: false,
        checked,
        firstBad: { version: event.version, eventId: event.eventId, reason },
      };
    }
    expectedPrev = event.metadata.hash;
    expectedVersion++;
  }
  return { ok: true, checked };
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
  let actual: string;
  try {
    actual = computeEventHash(event.metadata.prevHash, hashedContentOf(event));
  } catch {
    return 'unreadable';
  }
  return actual === event.metadata.hash ? undefined : 'hash_mismatch';
}
