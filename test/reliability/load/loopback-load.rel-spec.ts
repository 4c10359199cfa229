import { BUDGET } from '../harness/budget';
import { startDrillIdentity } from '../harness/drill-identity';
import { reportFigures } from '../harness/results';
import { checkAfterLoad } from './after-load-checks';
import { startInProcessApi } from './in-process-api';
import { runLoad } from './run-load';

// Enough concurrent connections to keep the API busy (SQLite's group commit batches their
// writes into one fsync) without spending the run on queueing.
const CONNECTIONS = 16;

describe('load on loopback (in-process API on SQLite, autocannon)', () => {
  it(`serves mixed operations for ${BUDGET.loadSeconds} s with no 5xx and balances equal to a replay`, async () => {
    // Each account's card change needs a second factor: the admin's recent MFA sign-in.
    const identity = await startDrillIdentity();
    const api = await startInProcessApi({ oidc: identity.oidc });
    try {
      const load = await runLoad(api.baseUrl, BUDGET.loadSeconds, CONNECTIONS);
      const after = await checkAfterLoad(api.app);
      reportFigures('load-sqlite', { ...load, ...after, problems: after.problems.length });
      expect(load.requests).toBeGreaterThan(0);
      // 16 connections stay far below the shedding bound (256 in flight, 128 per actor),
      // so no 503 is expected either; any other 5xx is a bug.
      expect(load.fiveXxOther503).toBe(0);
      // Every step of the sequence succeeds for its own account: anything else is a bug too.
      expect(load.statusCodes).toEqual({
        '200': expect.any(Number),
        '201': expect.any(Number),
        '202': expect.any(Number),
      });
      expect(load.errors).toBe(0);
      expect(after.problems).toEqual([]);
    } finally {
      await api.close();
      await identity.close();
    }
  }, 180_000);
});
