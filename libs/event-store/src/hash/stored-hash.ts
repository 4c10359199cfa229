import { hash } from 'node:crypto';
import type { RecordedEvent } from '../port/envelope';
import { canonicalContent } from './canonical-content';
import { computeEventHash, hashedContentOf } from './hash-chain';

/**
 * Whether a stored event's `hash` is what its content and `prevHash` hash to: the check
 * verification makes for every event of a store, so it takes the fast way — the content
 * written by {@link canonicalContent} and a one-shot SHA-256 over `prevHash + "\n" + JSON` (the same
 * bytes as {@link computeEventHash}'s three updates: the hash and the newline are ASCII).
 * A mismatch is confirmed with {@link computeEventHash}, the reference, before it is
 * reported: the fast path can save time, never raise a false alarm.
 * @throws when the content has no JSON form (verification reports it as unreadable)
 */
export function storedHashMatches(event: RecordedEvent): boolean {
  const { prevHash, hash: stored } = event.metadata;
  if (typeof prevHash === 'string') {
    const json = canonicalContent(event);
    if (json !== undefined && hash('sha256', `${prevHash}\n${json}`, 'hex') === stored) return true;
  }
  return computeEventHash(prevHash, hashedContentOf(event)) === stored;
}
