import { EsdbAppendTooLarge, EsdbRevisionConflict, EsdbStreamNotFound } from './esdb-client-errors';
import { InvalidEventStoreInput, StreamNotFound, WrongExpectedVersion } from '../port/errors';
import type { ExpectedVersion } from '../port/expected-version';
import { actualVersionFrom } from './expected-revision';

/**
 * An event in one of our streams that this adapter did not write: not JSON, no envelope
 * metadata, or no position (servers before 22.6 leave positions out of stream reads).
 * Raised instead of guessing, since a guessed envelope would break the hash chain silently.
 */
export class UnreadableEsdbEvent extends Error {
  constructor(
    readonly streamName: string,
    readonly revision: bigint,
    readonly reason: string,
  ) {
    super(`EventStoreDB event ${streamName}@${revision} is unreadable: ${reason}`);
    this.name = 'UnreadableEsdbEvent';
  }
}

/**
 * Maps what the client seam throws on append to the port's errors: a conflict becomes
 * WrongExpectedVersion with the stream's actual version (revision + 1, 0 for no stream),
 * an over-size write becomes InvalidEventStoreInput (nothing was written either way).
 * Anything else (connection, access, deleted stream) is returned unchanged.
 */
export function translateAppendError(
  error: unknown,
  streamId: string,
  expected: ExpectedVersion,
): unknown {
  if (error instanceof EsdbRevisionConflict) {
    return new WrongExpectedVersion(streamId, expected, actualVersionFrom(error.current));
  }
  if (error instanceof EsdbAppendTooLarge) {
    return new InvalidEventStoreInput(
      `events exceed the EventStoreDB server's maximum append size (${error.maxAppendSize} bytes)`,
      'events',
    );
  }
  return error;
}

/**
 * Drains a stream read. The seam reports a missing stream by throwing EsdbStreamNotFound
 * from the iteration, not from `readStream` itself; it becomes the port's StreamNotFound
 * with our stream id (not the namespaced server name).
 */
export async function collectStream<T>(streamId: string, read: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  try {
    for await (const item of read) items.push(item);
  } catch (error) {
    if (error instanceof EsdbStreamNotFound) throw new StreamNotFound(streamId);
    throw error;
  }
  return items;
}
