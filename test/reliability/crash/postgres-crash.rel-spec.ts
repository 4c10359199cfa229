import { usesPglite } from '@account-ops/testing';
import { BUDGET, FULL } from '../harness/budget';
import { reportFigures } from '../harness/results';
import { runSeed, withSeed } from '../harness/rng';
import { postgresStore } from '../harness/throwaway-store';
import { CRASH_CLIENTS, CRASH_CONFIG, crashClock } from './crash-settings';
import { runKillLoop } from './kill-loop';
import { accountScript } from './workload';

// The in-process PGlite that jest starts without PG_URL lives in the jest process and runs
// one transaction at a time: it cannot stand in for a server that outlives a killed client.
const realServer = !usesPglite();
const title =
  `keeps every acknowledged command, applies none twice, after ${BUDGET.crashKills.postgres} kills` +
  (realServer ? '' : ' — skipped: PG_URL is not set (no PostgreSQL server on this machine)');

describe('crash durability on PostgreSQL (API child SIGKILLed under load)', () => {
  (realServer ? it : it.skip)(
    title,
    async () => {
      const seed = runSeed();
      const store = postgresStore();
      try {
        const report = await withSeed(seed, () =>
          runKillLoop({
            store,
            seed,
            kills: BUDGET.crashKills.postgres,
            clients: CRASH_CLIENTS,
            clock: crashClock(),
            config: CRASH_CONFIG,
            rebuildEvery: FULL ? 10 : 1,
            killAfterTicks: BUDGET.killAfterTicks,
            script: (rng, accountId) => accountScript(rng, accountId, accountId),
          }),
        );
        reportFigures('crash-postgres', { seed, ...report });
        expect(report.noAnswer).toBeGreaterThan(0);
        // Deadlines come due ~4 s after they are set: a fast run may end before any does
        // (firing exactly once is still checked after every kill; deadlines-under-crashes
        // aims kills at firings). The full run must have fired some.
        if (FULL) {
          expect(report.deadlinesFired.refundSla + report.deadlinesFired.retention).toBeGreaterThan(
            0,
          );
        }
      } finally {
        await store.dispose();
      }
    },
    BUDGET.timeoutMs,
  );
});
