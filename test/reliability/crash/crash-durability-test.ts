import { BUDGET, FULL } from '../harness/budget';
import { reportFigures } from '../harness/results';
import { runSeed, withSeed } from '../harness/rng';
import type { ThrowawayStore } from '../harness/throwaway-store';
import { CRASH_CLIENTS, CRASH_CONFIG, crashClock } from './crash-settings';
import { runKillLoop } from './kill-loop';
import { accountScript } from './workload';

export interface CrashDurabilityTest {
  /** `sqlite` or `postgres`: names the figures file and the kill budget. */
  readonly store: 'sqlite' | 'postgres';
  readonly open: () => ThrowawayStore;
  /** Why the test cannot run here (then it is reported as skipped with this reason). */
  readonly skipReason?: string;
}

/** The kill loop on one store, with the checks that make a run count. */
export function crashDurabilityTest({ store: kind, open, skipReason }: CrashDurabilityTest) {
  const kills = BUDGET.crashKills[kind];
  const title =
    `keeps every acknowledged command, applies none twice, after ${kills} kills` +
    (skipReason ? ` — skipped: ${skipReason}` : '');
  (skipReason ? it.skip : it)(
    title,
    async () => {
      const seed = runSeed();
      const store = open();
      try {
        const report = await withSeed(seed, () =>
          runKillLoop({
            store,
            seed,
            kills,
            clients: CRASH_CLIENTS,
            clock: crashClock(),
            config: CRASH_CONFIG,
            rebuildEvery: FULL ? 10 : 1,
            killAfterTicks: BUDGET.killAfterTicks,
            script: (rng, accountId) => accountScript(rng, accountId, accountId),
          }),
        );
        reportFigures(`crash-${kind}`, { seed, ...report });
        // The loop proves nothing if the kills never caught a command in flight.
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
}
