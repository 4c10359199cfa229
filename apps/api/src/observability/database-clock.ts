import { PostgresEventStore, SplitEventStore, type EventStore } from '@account-ops/event-store';

/** How far this process's clock may be from the database server's before /health degrades. */
export interface ClockCheckOptions {
  /** Default DEFAULT_MAX_CLOCK_OFFSET_MS; `ACCOUNT_OPS_MAX_CLOCK_OFFSET_MS`. */
  readonly maxOffsetMs?: number;
  /** This process's clock in epoch milliseconds (default `Date.now`; tests skew it). */
  readonly processClock?: () => number;
}

/** Two seconds: events are stamped to the millisecond, NTP keeps hosts within a few ms. */
export const DEFAULT_MAX_CLOCK_OFFSET_MS = 2_000;

/** Reads the database server's clock; undefined for an embedded store (it shares ours). */
export type DatabaseClock = () => Promise<Date>;

export function databaseClockOf(store: EventStore): DatabaseClock | undefined {
  const pg =
    store instanceof PostgresEventStore
      ? store
      : store instanceof SplitEventStore && store.records instanceof PostgresEventStore
        ? store.records
        : undefined;
  if (!pg) return undefined;
  return async () => {
    const { rows } = await pg.connectionPool.query<{ now: Date }>(
      'SELECT clock_timestamp() AS now',
    );
    return rows[0]!.now;
  };
}

/** The offset of the database's clock from ours, NTP-style: against the round trip's midpoint. */
export async function measureClockOffset(
  database: DatabaseClock,
  processClock: () => number,
): Promise<{ offsetMs: number; roundTripMs: number }> {
  const sent = processClock();
  const theirs = (await database()).getTime();
  const received = processClock();
  return { offsetMs: Math.round(theirs - (sent + received) / 2), roundTripMs: received - sent };
}
