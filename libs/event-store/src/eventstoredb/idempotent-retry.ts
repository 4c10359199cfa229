import { expectedVersionHolds, type ExpectedVersion } from '../port/expected-version';

/** How a new append relates to the id of the stream's last stored event. */
export type TailMatch =
  /** The last stored id is not among the new ones: an ordinary append. */
  | { readonly kind: 'fresh' }
  /** The last stored id is reused in a way a retry cannot explain. */
  | { readonly kind: 'duplicate'; readonly eventId: string }
  /**
   * The append may be a retry of the stream's last `count` events (same ids, and the
   * expected version held before them): compare the stored tail before answering.
   */
  | { readonly kind: 'possible-retry'; readonly count: number };

/**
 * EventStoreDB acknowledges a retried write without writing it again, but only when it is
 * sent with the expected revision of the original. `any` and `stream_exists` appends are
 * sent with the current tip's revision instead (see planAppend), so the server would write
 * them a second time; this check, on the tip the append reads anyway, answers the common
 * retry (the original landed and nothing followed) the way the server answers the others.
 */
export function classifyTail(
  expected: ExpectedVersion,
  tip: { readonly version: number; readonly lastEventId: string | undefined },
  newIds: readonly string[],
): TailMatch {
  const last = tip.lastEventId;
  if (last === undefined || !newIds.includes(last)) return { kind: 'fresh' };
  const versionBefore = tip.version - newIds.length;
  const retry =
    newIds[newIds.length - 1] === last &&
    versionBefore >= 0 &&
    expectedVersionHolds(expected, versionBefore);
  return retry
    ? { kind: 'possible-retry', count: newIds.length }
    : { kind: 'duplicate', eventId: last };
}
