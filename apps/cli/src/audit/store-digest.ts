import {
  computeEventHash,
  formatPosition,
  hashedContentOf,
  type Position,
  type RecordedEvent,
} from '@account-ops/event-store';
import { createHash, type Hash } from 'node:crypto';

/**
 * Store digest, version 1 — written so an auditor can re-implement it without this code:
 *
 *     digest(P) = lowercase hex SHA-256 of the concatenation, in global order, of one line
 *                 per event whose global position is ≤ P:
 *                 <position> TAB <streamId> TAB <version> TAB <hash> LF
 *
 * `<position>` is the global position as printed everywhere (`42`, or `commit/prepare` on
 * PostgreSQL), `<version>` a decimal integer, `<hash>` the event's stored `metadata.hash`
 * (64 lowercase hex digits), all UTF-8. Stream ids cannot contain tabs or newlines (the
 * store refuses control characters), so the lines cannot be forged by shifting text
 * between fields. An empty store digests to SHA-256 of nothing (e3b0c442…).
 *
 * Each event's hash already covers its content and its predecessor's hash, so the digest
 * fixes every event up to P: removing, inserting, reordering or rewriting one (even with
 * its chain re-sealed) changes it. The one thing a digest of stored hashes alone cannot
 * see is an event whose content changed while its stored hash did not — so
 * {@link StoreDigest.add} also recomputes each event's hash from its content.
 */
export const DIGEST_VERSION = 'account-ops-digest-v1';

/** The line one event contributes. */
export function digestLine(event: {
  readonly globalPosition: Position;
  readonly streamId: string;
  readonly version: number;
  readonly metadata: { readonly hash: string };
}): string {
  return `${formatPosition(event.globalPosition)}\t${event.streamId}\t${event.version}\t${event.metadata.hash}\n`;
}

/** An event whose stored hash does not match its content: tampered, or unreadable. */
export interface ContentMismatch {
  readonly streamId: string;
  readonly version: number;
  readonly eventId: string;
  readonly position: string;
}

/** True when the event's stored hash is what its content and `prevHash` hash to. */
export function hashMatchesContent(event: RecordedEvent): boolean {
  try {
    return (
      computeEventHash(event.metadata.prevHash, hashedContentOf(event)) === event.metadata.hash
    );
  } catch {
    return false;
  }
}

/** A finished digest, and the first event whose content failed its hash, if any. */
export interface DigestResult {
  readonly sha256: string;
  readonly events: number;
  readonly firstMismatch?: ContentMismatch;
}

/** Accumulates the digest event by event, in global order. */
export class StoreDigest {
  private readonly hash: Hash = createHash('sha256');
  private count = 0;
  private mismatch: ContentMismatch | undefined;

  /** Adds one event (the next in global order). */
  add(event: RecordedEvent): void {
    this.hash.update(digestLine(event), 'utf8');
    this.count++;
    if (!this.mismatch && !hashMatchesContent(event)) {
      this.mismatch = {
        streamId: event.streamId,
        version: event.version,
        eventId: event.eventId,
        position: formatPosition(event.globalPosition),
      };
    }
  }

  /** Events added so far. */
  get events(): number {
    return this.count;
  }

  /** Finishes the digest; call once. */
  result(): DigestResult {
    const sha256 = this.hash.digest('hex');
    return this.mismatch
      ? { sha256, events: this.count, firstMismatch: this.mismatch }
      : { sha256, events: this.count };
  }
}
