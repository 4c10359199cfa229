import { eventLeafHash, type Hash } from '@account-ops/evidence-verifier';
import type { RecordedEvent } from '../port/envelope';
import type { LeafSource } from './leaf-source';

/** What a stored event's leaf commits to: its identity and stored hash, nothing of its data. */
export function leafSourceOf(event: RecordedEvent): LeafSource {
  return {
    globalPosition: event.globalPosition,
    streamId: event.streamId,
    version: event.version,
    hash: event.metadata.hash,
  };
}

/** The leaf hash of a stored event (leaf bytes: docs/auditing.md, "The Merkle log"). */
export function leafOfEvent(event: RecordedEvent): Hash {
  return leafOfSource(leafSourceOf(event));
}

/** The leaf hash from the leaf fields alone (a narrow read, see LeafSourceReader). */
export function leafOfSource(source: LeafSource): Hash {
  return eventLeafHash({
    position: source.globalPosition,
    streamId: source.streamId,
    version: source.version,
    hash: source.hash,
  });
}
