import { BUDGET } from '../harness/budget';
import { reportFigures } from '../harness/results';
import { runSeed, withSeed } from '../harness/rng';
import { sqliteStore } from '../harness/throwaway-store';
import { runDeadlineRounds } from './deadline-rounds';

describe('durable deadlines under crashes (SQLite, API child SIGKILLed while they fire)', () => {
  it(
    `fires each due refund SLA and retention deadline exactly once over ${BUDGET.deadlineKills} kills`,
    async () => {
      const seed = runSeed();
      const store = sqliteStore();
      try {
        const report = await withSeed(seed, () =>
          runDeadlineRounds(store, seed, BUDGET.deadlineKills),
        );
        reportFigures('deadlines-sqlite', { seed, ...report });
        // Exactly once: as many firings as deadlines left to fire, none twice (the tracker
        // fails the checks on a firing without a pending deadline).
        expect(report.fired).toEqual(report.expected);
        expect(report.expected.refundSla + report.expected.retention).toBeGreaterThan(0);
      } finally {
        await store.dispose();
      }
    },
    BUDGET.timeoutMs,
  );
});
