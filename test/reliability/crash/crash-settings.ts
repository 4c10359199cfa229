import type { AccountConfig } from '@account-ops/accounts';
import type { ClockSpec } from '../harness/accelerated-clock';

/** Domain time the crash workloads start at (an arbitrary fixed Monday). */
export const DOMAIN_START = Date.parse('2026-03-02T09:00:00.000Z');

/**
 * The refund SLA and the retention window shortened to their minimum units (24 h, 1 day)
 * and the clock accelerated 21600× (6 domain hours per real second): both deadlines come
 * due about 4 s after they are set, so they fall due during the kill loop — many while the
 * API is down (a restart takes 2–3 s). An approval that comes too late meets an expired
 * refund; the clients accept that only after seeing the expiry (steps.ts, Preempted).
 */
export const CRASH_CONFIG: Partial<AccountConfig> = {
  refundApprovalSlaHours: 24,
  retentionDays: 1,
};

export function crashClock(factor = 21_600): ClockSpec {
  return { t0: DOMAIN_START, r0: Date.now(), factor };
}

/** Concurrent HTTP clients, each playing its own accounts. */
export const CRASH_CLIENTS = 6;
