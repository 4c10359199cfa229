import { eventLeafHash, type Hash } from '@account-ops/evidence-verifier';
import type { RecordedEvent } from '../port/envelope';

/** The leaf hash of a stored event (leaf bytes: docs/auditing.md, "The Merkle log"). */
export function leafOfEvent(event: RecordedEvent): Hash {
  return eventLeafHash({
    position: event.globalPosition,
    streamId: event.streamId,
    version: event.version,
    hash: event.metadata.hash,
  });
}
