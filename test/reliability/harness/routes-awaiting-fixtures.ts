import { ROUTE_NAMES, type RouteName } from '../../../apps/api/src/routes/route-table';

/**
 * Routes the hostile-input suites cannot drive yet (the role matrix drives every route).
 * `setTopUpLimits` always needs the admin's TOTP code, and a step-up code is single use and
 * counted towards the lockout: every hostile request would change the store (a used code, a
 * failure count), which these suites take for a partial write. Its own e2e suite
 * (apps/api/test/top-up-limits) covers its bad input. The list is checked
 * (`routesCoveredBy`): a route not on it is always driven, so a new route cannot slip past
 * these suites unnoticed.
 */
export const ROUTES_AWAITING_FIXTURES: readonly RouteName[] = ['setTopUpLimits'];

/** Every route but those awaiting a fixture; throws if the list names a route that is gone. */
export function routesCoveredBy(): RouteName[] {
  const unknown = ROUTES_AWAITING_FIXTURES.filter((name) => !ROUTE_NAMES.includes(name));
  if (unknown.length > 0)
    throw new Error(`no such routes awaiting fixtures: ${unknown.join(', ')}`);
  return ROUTE_NAMES.filter((name) => !ROUTES_AWAITING_FIXTURES.includes(name));
}
