import { auditProjection } from './audit/audit.projection';
import { balanceProjection } from './balance/balance.projection';
import { opsProjection } from './ops/ops.projection';
import type { Projection } from './projection';

/** The read models the engine keeps by default, in the order they are listed in status. */
export const DEFAULT_PROJECTIONS: readonly Projection[] = Object.freeze([
  balanceProjection,
  auditProjection,
  opsProjection,
]);
