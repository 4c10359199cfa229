import { comparePositions, type Position } from '../port/position';
import {
  BACKWARDS,
  END as ESDB_END,
  type EsdbAllRecordedEvent,
  type EsdbClient,
  FORWARDS,
} from './esdb-client';
import { fromEsdbPosition, isStart, readPositionAfter, toEsdbPosition } from './esdb-position';

export interface AllScan {
  readonly direction: 'forwards' | 'backwards';
  /**
   * An exclusive bound: forwards, only events after it (absent or START: from the first);
   * backwards, only events before it (absent: from the last).
   */
  readonly from?: Position;
  /** Events fetched per round trip. */
  readonly pageSize: number;
  /** Which events to keep; the others are skipped (other applications', system streams). */
  readonly accept: (event: EsdbAllRecordedEvent) => boolean;
  /** Stop after this many kept events; absent: read to the end of the log. */
  readonly limit?: number;
}

/**
 * Reads `$all` in pages, keeping the events `accept` wants, until `limit` of them or the end.
 *
 * Client v6 sends readAll without a server-side filter, so filtering happens here (for
 * both clients, so that they read alike); a store
 * sharing a busy server with other applications pays for reading their events too. Each
 * page starts at the last position seen, which EventStoreDB may include again: events not
 * strictly beyond that bound are dropped, so nothing is returned twice.
 */
export async function scanAll(client: EsdbClient, scan: AllScan): Promise<EsdbAllRecordedEvent[]> {
  const forwards = scan.direction === 'forwards';
  const kept: EsdbAllRecordedEvent[] = [];
  let bound = forwards && isStart(scan.from) ? undefined : scan.from;
  for (;;) {
    let received = 0;
    let furthest: Position | undefined;
    const page = client.readAll({
      fromPosition: forwards ? readPositionAfter(bound) : bound ? toEsdbPosition(bound) : ESDB_END,
      direction: forwards ? FORWARDS : BACKWARDS,
      maxCount: scan.pageSize,
    });
    for await (const resolved of page) {
      received++;
      const event = resolved.event;
      if (!event) continue;
      const position = fromEsdbPosition(event.position);
      if (bound && comparePositions(position, bound) !== (forwards ? 1 : -1)) continue;
      furthest = position;
      if (!scan.accept(event)) continue;
      kept.push(event);
      if (kept.length === scan.limit) return kept;
    }
    // A short page is the end of the log; a page with nothing new would loop forever.
    if (received < scan.pageSize || !furthest) return kept;
    bound = furthest;
  }
}
