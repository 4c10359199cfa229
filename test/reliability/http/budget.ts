import { FULL } from '../harness/budget';
import { STORES, type Backend } from './store-target';

/**
 * How much the hostile-input, authorization and secrets suites do. `npm test` runs the
 * fast subset; `npm run test:reliability` sets RELIABILITY_FULL=1 (read by
 * harness/budget.ts only) for the full counts. Every count of these suites is here.
 */
export const BUDGET = {
  /** fast-check runs per route and family of hostile input (bodies have 7 families…). */
  runsPerFamily: {
    bodies: FULL ? 10 : 1,
    headers: FULL ? 8 : 1,
    paths: FULL ? 15 : 2,
    queries: FULL ? 30 : 3,
  },
  /** Stores the hostile-input and role-matrix suites run on (both always for step-up and secrets). */
  backends: FULL ? STORES : (['sqlite'] as readonly Backend[]),
  /** fast-check seed: fixed in the fast subset (reproducible), fresh in full runs. */
  seed: FULL ? undefined : (20_260_302 as number),
} as const;

/** A fixed seed per property in the fast subset (reproducible), none in full runs. */
export function seedFor(...names: readonly string[]): number | undefined {
  if (BUDGET.seed === undefined) return undefined;
  let hash: number = BUDGET.seed;
  for (const char of names.join('/')) hash = (hash * 31 + char.charCodeAt(0)) | 0;
  return hash;
}
