import { createHash } from 'node:crypto';
import type { EventMetadata, RecordedEvent } from '../port/envelope';
import { canonicalJson } from './canonical-json';

/** The `prevHash` of a stream's first event. */
export const GENESIS_HASH = '0'.repeat(64);

/** The part of an event its hash covers: everything but its position and the hashes. */
export interface HashedContent {
  readonly eventId: string;
  readonly streamId: string;
  readonly version: number;
  readonly type: string;
  readonly schemaVersion: number;
  readonly data: unknown;
  readonly metadata: Omit<EventMetadata, 'prevHash' | 'hash'>;
}

/**
 * SHA-256 (hex) of the previous hash, a newline and the canonical JSON of the content.
 * The global position is left out on purpose: it is assigned by the database at commit
 * and differs between adapters, while the chain must mean the same everywhere.
 */
export function computeEventHash(prevHash: string, content: HashedContent): string {
  return createHash('sha256')
    .update(prevHash)
    .update('\n')
    .update(canonicalJson(content))
    .digest('hex');
}

/** Extracts the hashed content from a stored event. */
export function hashedContentOf(event: RecordedEvent): HashedContent {
  const { prevHash: _prev, hash: _hash, ...metadata } = event.metadata;
  return {
    eventId: event.eventId,
    streamId: event.streamId,
    version: event.version,
    type: event.type,
    schemaVersion: event.schemaVersion,
    data: event.data,
    metadata,
  };
}
