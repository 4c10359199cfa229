import { expectedVersionHolds, type ExpectedVersion } from '../port/expected-version';
import {
  ANY as ESDB_ANY,
  type EsdbCurrentRevision,
  type EsdbExpectedRevision,
  NO_STREAM as ESDB_NO_STREAM,
  STREAM_EXISTS as ESDB_STREAM_EXISTS,
} from './esdb-client';

// Our versions count events from 1; EventStoreDB revisions count them from 0.

/** Our version N is EventStoreDB revision N − 1. */
export function revisionFromVersion(version: number): bigint {
  return BigInt(version - 1);
}

/** EventStoreDB revision R is our version R + 1. */
export function versionFromRevision(revision: bigint): number {
  const version = Number(revision) + 1;
  if (!Number.isSafeInteger(version)) throw new RangeError(`revision ${revision} is too large`);
  return version;
}

/**
 * The expected version as EventStoreDB spells it: `no_stream` and 0 → NO_STREAM, `any` →
 * ANY, `stream_exists` → STREAM_EXISTS, a version N ≥ 1 → revision N − 1.
 */
export function toEsdbExpectedRevision(expected: ExpectedVersion): EsdbExpectedRevision {
  if (expected === 'any') return ESDB_ANY;
  if (expected === 'stream_exists') return ESDB_STREAM_EXISTS;
  if (expected === 'no_stream' || expected === 0) return ESDB_NO_STREAM;
  return revisionFromVersion(expected);
}

/**
 * The stream's version from the current revision EventStoreDB reports with a conflict:
 * NO_STREAM (or −1, what the client gives when it does not throw) is 0, revision R is R + 1.
 */
export function actualVersionFrom(current: EsdbCurrentRevision): number {
  if (current === ESDB_NO_STREAM || current < 0n) return 0;
  return versionFromRevision(current);
}

/** The expected revision to send for a stream whose last event has our version `version`. */
export function revisionOfTip(version: number): EsdbExpectedRevision {
  return version === 0 ? ESDB_NO_STREAM : revisionFromVersion(version);
}

/** What to do with an append, given the caller's expected version and the stream's tip. */
export type AppendPlan =
  | {
      readonly kind: 'write';
      readonly expectedRevision: EsdbExpectedRevision;
      /** A conflict means another writer got in first; re-read the tip and try again. */
      readonly retryOnConflict: boolean;
    }
  | { readonly kind: 'reject'; readonly actual: number };

/**
 * Chooses the expected revision sent to EventStoreDB. The events are sealed onto the hash
 * of the tip we read, so the server must only accept them on exactly that tip:
 *
 * - `any` and `stream_exists` are sent as the tip's revision, not as ANY/STREAM_EXISTS: a
 *   writer that got in between would otherwise leave our events chained to the wrong
 *   predecessor. The caller does not care about the version, so a conflict is retried.
 * - a version or `no_stream` that matches the tip is sent as is (it pins the same tip).
 * - a version behind the tip is sent as is only when every event id is the caller's: the
 *   server then answers a retried write idempotently (the same ids already follow that
 *   revision) or with a conflict, and never writes the events we sealed onto a later tip.
 *   Generated ids cannot match, so such an append is refused without a round trip.
 * - anything else cannot succeed and is refused with the tip's version.
 */
export function planAppend(
  expected: ExpectedVersion,
  tipVersion: number,
  everyIdGiven: boolean,
): AppendPlan {
  if (expected === 'any' || expected === 'stream_exists') {
    if (!expectedVersionHolds(expected, tipVersion)) return { kind: 'reject', actual: tipVersion };
    return { kind: 'write', expectedRevision: revisionOfTip(tipVersion), retryOnConflict: true };
  }
  const expectedNumber = expected === 'no_stream' ? 0 : expected;
  if (expectedNumber === tipVersion || (expectedNumber < tipVersion && everyIdGiven)) {
    return {
      kind: 'write',
      expectedRevision: toEsdbExpectedRevision(expected),
      retryOnConflict: false,
    };
  }
  return { kind: 'reject', actual: tipVersion };
}
