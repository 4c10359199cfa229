/**
 * How much each reliability test does. `npm test` runs the fast subset (a few kills, a
 * few seconds of load) so the whole suite stays around a minute on a 2-core machine;
 * `npm run test:reliability` sets RELIABILITY_FULL=1 for the counts docs/reliability.md
 * reports. The only place that reads the variable.
 */
export const FULL = process.env.RELIABILITY_FULL === '1';

export const BUDGET = FULL
  ? {
      /** SIGKILLs of the API child in the crash-durability loop, per store. */
      crashKills: { sqlite: 100, postgres: 100 },
      /** The kill comes after this many client ticks (a request sent or answered) since the restart. */
      killAfterTicks: [20, 600] as const,
      /** SIGKILLs in the deadlines loop (SQLite). */
      deadlineKills: 30,
      /** Seconds of load on loopback. */
      loadSeconds: 60,
      /** Seconds of the one-key flood (flood/flood.rel-spec.ts). */
      floodSeconds: 30,
      /** Jest timeout of each kill-loop test. */
      timeoutMs: 3_600_000,
    }
  : {
      crashKills: { sqlite: 4, postgres: 3 },
      killAfterTicks: [10, 150] as const,
      deadlineKills: 2,
      loadSeconds: 5,
      floodSeconds: 4,
      timeoutMs: 300_000,
    };
