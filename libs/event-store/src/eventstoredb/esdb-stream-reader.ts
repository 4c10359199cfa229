import type { RecordedEvent } from '../port/envelope';
import type { EsdbClient, EsdbReadStreamOptions } from './esdb-client';
import { fromEsdbEvent } from './esdb-envelope';
import { collectStream } from './esdb-errors';

/**
 * Reads one of our streams (server name `name`, our id `streamId`) as recorded events.
 * @throws StreamNotFound for a stream with no events; UnreadableEsdbEvent for an event
 *   this adapter did not write.
 */
export async function readStreamEvents(
  client: EsdbClient,
  streamId: string,
  name: string,
  options: EsdbReadStreamOptions,
): Promise<RecordedEvent[]> {
  const resolved = await collectStream(streamId, client.readStream(name, options));
  return resolved.flatMap(({ event }) => (event ? [fromEsdbEvent(event, streamId)] : []));
}
